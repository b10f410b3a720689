import { UsageError } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import type { Command } from './command.js';

import { AgentReplyError, AgentUnavailableError, NatsUnreachableError, NotFoundError } from '../live/errors.js';
import { promoterReply, servingPromotion, stopFailedPromotion, unreconciledPromotion } from '../live/promotion-samples.js';
import { fakeNats, type FakeReply } from '../testing/fake-nats.js';
import { failingStatus, masterVip, rolesReply, staleBackupVip, syncedStatus, syncerReply } from '../testing/live-samples.js';
import { memoryIo } from '../testing/memory-io.js';
import { createDescribeCommand } from './describe.js';

const SYNCER = 'routerd.r1.syncer.status';
const ROLES = 'routerd.r1.vip-watcher.roles';
const PROMOTER = 'routerd.r1.dhcp-promoter.status';

async function describeWith(replies: Record<string, FakeReply>, args: string[], now?: string) {
  const fake = fakeNats(replies, now === undefined ? {} : { now: Date.parse(now) });
  const command: Command = createDescribeCommand(fake.deps);
  const io = memoryIo();
  const code = await command.run(args, io);
  return { code, out: io.out(), fake };
}

describe('routerctl › describe', () => {
  it('routerctl › describe of a synced lease sync matches the golden file', async () => {
    const { code, out, fake } = await describeWith({ [SYNCER]: syncerReply(syncedStatus) }, ['v4leasesync/lan-v4-leases']);
    expect(code).toBe(0);
    expect(fake.requests).toEqual([{ subject: SYNCER, body: { kind: 'DHCPv4ServerLeaseSync', name: 'lan-v4-leases' } }]);
    expect(fake.connected).toEqual([{ servers: 'nats://127.0.0.1:4222', name: 'routerctl', maxReconnectAttempts: 0, reconnect: false, timeout: 3000 }]);
    expect(fake.closed).toBe(1);
    await expect(out).toMatchFileSnapshot('../__golden__/describe-sync-synced.txt');
  });

  it('routerctl › leasesync/NAME finds NAME among every lease-sync kind (it named the DHCPv4 kind only, and answered not-found for a DHCPv6 sync)', async () => {
    const { code, out, fake } = await describeWith({ [SYNCER]: syncerReply(failingStatus) }, ['leasesync/lan-v6-leases']);
    expect(code).toBe(0);
    expect(fake.requests).toEqual([{ subject: SYNCER, body: { name: 'lan-v6-leases' } }]);
    await expect(out).toMatchFileSnapshot('../__golden__/describe-sync-failing.txt');
    const twin = { ...failingStatus, kind: 'DHCPv4ServerLeaseSync' as const };
    await expect(describeWith({ [SYNCER]: syncerReply(twin, failingStatus) }, ['leasesync/lan-v6-leases'])).rejects.toThrow(
      new UsageError(
        'more than one lease sync is named "lan-v6-leases" on node r1: DHCPv4ServerLeaseSync/lan-v6-leases, DHCPv6ServerLeaseSync/lan-v6-leases; name the kind, e.g. DHCPv4ServerLeaseSync/lan-v6-leases',
        { command: 'describe' },
      ),
    );
    expect((await describeWith({ [SYNCER]: syncerReply(twin, failingStatus) }, ['v6leasesync/lan-v6-leases'])).code).toBe(0);
  });

  it('routerctl › describe of a failing lease sync shows each target, its output and backoff', async () => {
    const { out } = await describeWith({ [SYNCER]: syncerReply(failingStatus) }, ['V6LeaseSync/lan-v6-leases']);
    await expect(out).toMatchFileSnapshot('../__golden__/describe-sync-failing.txt');
  });

  it('routerctl › describe of a VirtualAddress matches the golden file; a stale one says so', async () => {
    const fresh = await describeWith({ [ROLES]: rolesReply(masterVip) }, ['vip/lan-vip'], '2024-05-01T12:00:02.000Z');
    expect(fresh.fake.requests).toEqual([{ subject: ROLES, body: { name: 'lan-vip' } }]);
    await expect(fresh.out).toMatchFileSnapshot('../__golden__/describe-vip.txt');
    const stale = await describeWith({ [ROLES]: rolesReply(staleBackupVip) }, ['virtualaddress/wan-vip']);
    expect(stale.out).toContain('Heartbeat:             every 1s; STALE, last one 20s ago (gates count the role as unknown)\n');
    expect(stale.out).toContain('Reason:                cannot read the keepalived pid file: EACCES\n');
  });

  it('routerctl › describe of a DHCPServerPromotion shows every field, the last command and the last reconciliation, matching the golden files', async () => {
    const serving = await describeWith({ [PROMOTER]: promoterReply(servingPromotion) }, ['DHCPServerPromotion/lan-dhcp']);
    expect(serving.code).toBe(0);
    expect(serving.fake.requests).toEqual([{ subject: PROMOTER, body: { name: 'lan-dhcp' } }]);
    await expect(serving.out).toMatchFileSnapshot('../__golden__/describe-promotion-serving.txt');
    const failing = await describeWith({ [PROMOTER]: promoterReply(stopFailedPromotion) }, ['promotion/wan-dhcp']);
    await expect(failing.out).toMatchFileSnapshot('../__golden__/describe-promotion-failing.txt');
    const unreconciled = await describeWith({ [PROMOTER]: promoterReply(unreconciledPromotion) }, ['dhcpserverpromotion/lab-dhcp']);
    expect(unreconciled.out).toContain("Reason:           Unreconciled\nMessage:          serving without the peer's leases: router-b did not answer within 1s\n");
    expect(unreconciled.out).toContain('    Result:   pull-failed (PeerNotAnswering)\n');
    const yaml = await describeWith({ [PROMOTER]: promoterReply(servingPromotion) }, ['promotion/lan-dhcp', '-o', 'yaml']);
    expect(yaml.out).toContain('result: handback-merged\n');
  });

  it('routerctl › a DHCPServerPromotion the promoter does not know is "no DHCPServerPromotion/x on node", exit 1', async () => {
    const run = describeWith({ [PROMOTER]: { error: [404, 'no DHCPServerPromotion/x on node r1; known: lan-dhcp'] } }, ['promotion/x']);
    await expect(run).rejects.toThrow(NotFoundError);
    await expect(run).rejects.toThrow('no DHCPServerPromotion/x on node r1');
  });

  it('routerctl › -o json and -o yaml print the status as the agent sent it', async () => {
    const json = await describeWith({ [SYNCER]: syncerReply(syncedStatus) }, ['leasesync/lan-v4-leases', '-o', 'json']);
    expect(JSON.parse(json.out)).toEqual(syncedStatus);
    const yaml = await describeWith({ [ROLES]: rolesReply(masterVip) }, ['vip/lan-vip', '-o', 'yaml']);
    expect(yaml.out).toContain('role: master\n');
  });

  it('routerctl › a 404 is "no Kind/name on node", exit 1', async () => {
    const run = describeWith({ [SYNCER]: { error: [404, 'no DHCPv4ServerLeaseSync/x on node r1; known: none'] } }, ['v4leasesync/x']);
    await expect(run).rejects.toThrow(NotFoundError);
    await expect(run).rejects.toThrow('no DHCPv4ServerLeaseSync/x on node r1');
    await expect(describeWith({ [ROLES]: { error: [404, 'no VirtualAddress/x on node r1; known: none'] } }, ['vip/x'])).rejects.toThrow('no VirtualAddress/x on node r1');
  });

  it('routerctl › no responders or a timeout names the subject and the agent', async () => {
    await expect(describeWith({}, ['leasesync/x'])).rejects.toThrow(new AgentUnavailableError('no responders on routerd.r1.syncer.status: is routerd-syncer running on node r1?'));
    await expect(describeWith({ [ROLES]: { throw: 'TIMEOUT' } }, ['vip/x'])).rejects.toThrow(
      'no answer on routerd.r1.vip-watcher.roles within 3s: is routerd-vip-watcher running on node r1?',
    );
  });

  it('routerctl › a reply that breaks the contract or another service error is named', async () => {
    await expect(describeWith({ [SYNCER]: { body: { type: 'syncer.status', node: 'r1', items: [{ type: 'sync.status' }] } } }, ['leasesync/x'])).rejects.toThrow(AgentReplyError);
    await expect(describeWith({ [SYNCER]: { body: { status: [] } } }, ['leasesync/x'])).rejects.toThrow(
      /^routerd-syncer on node r1 sent a reply that breaks the contract: bad message on "routerd\.r1\.syncer\.status": expected JSON matching SyncerStatusResponse, found/,
    );
    await expect(describeWith({ [SYNCER]: { error: [400, 'bad request'] } }, ['leasesync/x'])).rejects.toThrow(
      'routerd-syncer on node r1 answered routerd.r1.syncer.status with error 400: bad request',
    );
  });

  it('routerctl › when NATS does not answer, the error names the URL', async () => {
    const fake = fakeNats({}, { connectError: Object.assign(new Error('CONNECTION_REFUSED'), { code: 'CONNECTION_REFUSED' }) });
    const run = createDescribeCommand(fake.deps).run(['vip/lan-vip', '--nats', 'nats://127.0.0.1:1'], memoryIo());
    await expect(run).rejects.toThrow(NatsUnreachableError);
    await expect(run).rejects.toThrow('cannot reach NATS at nats://127.0.0.1:1 within 3s: CONNECTION_REFUSED');
  });

  it('routerctl › usage errors name the argument', async () => {
    await expect(describeWith({}, [])).rejects.toThrow(new UsageError('missing KIND/NAME, e.g. vip/lan-vip or leasesync/lan-v4-leases', { command: 'describe' }));
    await expect(describeWith({}, ['vip/a', 'vip/b'])).rejects.toThrow('expected one KIND/NAME, found 2: vip/a vip/b');
  });

  it('routerctl › runCli maps live failures to exit codes and one stderr line: NATS unreachable is 3, not a usage error', async () => {
    const io = memoryIo({ env: { ROUTERD_NATS_URL: 'nats://127.0.0.1:1', ROUTERD_NODE: 'r1' } });
    const code = await runCli(['describe', 'vip/lan-vip', '--timeout', '300ms'], io);
    expect(code).toBe(3);
    expect(io.err()).toMatch(/^routerctl: cannot reach NATS at nats:\/\/127\.0\.0\.1:1 within 300ms: /);
    const help = memoryIo();
    expect(await runCli(['describe', '--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: routerctl describe KIND/NAME');
  });
});
