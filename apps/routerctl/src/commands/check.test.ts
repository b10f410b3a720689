import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { promoterReply, servingPromotion, stopFailedPromotion } from '../live/promotion-samples.js';
import { fakeNats, type FakeReply } from '../testing/fake-nats.js';
import { failingStatus, masterVip, pendingStatus, rolesReply, staleBackupVip, syncedStatus, syncerReply } from '../testing/live-samples.js';
import { memoryIo } from '../testing/memory-io.js';
import { createCheckCommand } from './check.js';

const SYNCER = 'routerd.r1.syncer.status';
const ROLES = 'routerd.r1.vip-watcher.roles';
const PROMOTER = 'routerd.r1.dhcp-promoter.status';
// The samples' own time: masterVip (observed 12:00:01.250, heartbeat 1s) is fresh until 12:00:04.250.
const FRESH = Date.parse('2024-05-01T12:00:02.000Z');

async function check(replies: Record<string, FakeReply>, args: string[] = [], now = FRESH) {
  const fake = fakeNats(replies, { now });
  const io = memoryIo();
  const code = await createCheckCommand(fake.deps).run(args, io);
  return { code, out: io.out(), err: io.err(), fake };
}

const healthy = { [ROLES]: rolesReply(masterVip), [SYNCER]: syncerReply(syncedStatus, pendingStatus), [PROMOTER]: promoterReply({ ...servingPromotion, observedAt: '2024-05-01T12:00:01.000Z' }) };

describe('routerctl › check', () => {
  it('check › a healthy node: exit 0 and one line saying what was checked', async () => {
    const { code, out, fake } = await check(healthy);
    expect(out).toBe('ok: 1 VirtualAddresses, 2 lease syncs, 1 DHCPServerPromotions on node r1\n');
    expect(code).toBe(0);
    expect(fake.requests.map((r) => r.subject).sort()).toEqual([PROMOTER, SYNCER, ROLES]);
  });

  it('check › a sync, target or promotion in Error, a stale role and a stale promotion: exit 1, one line each', async () => {
    const { code, out } = await check(
      { [ROLES]: rolesReply(masterVip, staleBackupVip), [SYNCER]: syncerReply(syncedStatus, failingStatus), [PROMOTER]: promoterReply(stopFailedPromotion) },
      [],
      Date.parse('2024-05-01T12:00:10.000Z'),
    );
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      'VirtualAddress/lan-vip: role master is STALE: last one 8.7s ago, heartbeat every 1s',
      'VirtualAddress/wan-vip: role unknown is STALE: last one 20s ago, heartbeat every 1s',
      'DHCPv6ServerLeaseSync/lan-v6-leases: Error (SyncFailed): target standby-b: rsync exited with code 255',
      'DHCPv6ServerLeaseSync/lan-v6-leases target standby-b (198.51.100.3): Error; 3 failures in a row',
      'DHCPServerPromotion/wan-dhcp: Error (StopFailed): systemctl stop dnsmasq-routerd.service exited with 1; retrying in 4000 ms while backup',
      'DHCPServerPromotion/wan-dhcp: status (Error) is STALE: last one 12s ago, heartbeat every 2s',
      '',
    ]);
  });

  it('check › a promotion that stays away from what its role asks for over 2 minutes is stuck', async () => {
    const now = Date.parse('2024-05-01T12:10:00.000Z');
    const settling = { ...servingPromotion, phase: 'Stopped', reason: 'Settling', message: 'waiting up to 3000 ms for router-b', lastTransitionAt: '2024-05-01T12:05:00.000Z', observedAt: '2024-05-01T12:09:59.000Z' } as const;
    const stuck = await check({ ...healthy, [ROLES]: rolesReply({ ...masterVip, observedAt: '2024-05-01T12:09:59.500Z' }), [PROMOTER]: promoterReply(settling) }, [], now);
    expect(stuck.code).toBe(1);
    expect(stuck.out).toBe('DHCPServerPromotion/lan-dhcp: stuck for 5m: master but not Serving: Stopped (Settling): waiting up to 3000 ms for router-b\n');
    // The same phase for less than 2 minutes is on its way, and a role that asks for nothing asks nothing.
    const recent = await check({ ...healthy, [ROLES]: rolesReply({ ...masterVip, observedAt: '2024-05-01T12:09:59.500Z' }), [PROMOTER]: promoterReply({ ...settling, lastTransitionAt: '2024-05-01T12:09:00.000Z' }) }, [], now);
    expect(recent.code).toBe(0);
    const unknown = await check({ ...healthy, [ROLES]: rolesReply({ ...masterVip, observedAt: '2024-05-01T12:09:59.500Z' }), [PROMOTER]: promoterReply({ ...settling, role: 'unknown' }) }, [], now);
    expect(unknown.code).toBe(0);
  });

  it('check › a fresh role the vip-watcher cannot tell is a problem', async () => {
    const unknown = { ...staleBackupVip, observedAt: '2024-05-01T12:00:01.500Z' };
    const { code, out } = await check({ ...healthy, [ROLES]: rolesReply(unknown) });
    expect(code).toBe(1);
    expect(out).toBe('VirtualAddress/wan-vip: role unknown: cannot read the keepalived pid file: EACCES\n');
  });

  it('check › an agent that does not answer is a problem line; --skip leaves it out', async () => {
    const { [PROMOTER]: _none, ...withoutPromoter } = healthy;
    const missing = await check(withoutPromoter);
    expect(missing.code).toBe(1);
    expect(missing.out).toBe('routerd-dhcp-promoter: no responders on routerd.r1.dhcp-promoter.status: is routerd-dhcp-promoter running on node r1?\n');
    const skipped = await check(withoutPromoter, ['--skip', 'dhcp-promoter']);
    expect(skipped).toMatchObject({ code: 0, out: 'ok: 1 VirtualAddresses, 2 lease syncs on node r1\n' });
    expect(skipped.fake.requests.map((r) => r.subject)).not.toContain(PROMOTER);
  });

  it('check › -o json prints the report; exit 1 still says unhealthy', async () => {
    const { code, out } = await check({ ...healthy, [SYNCER]: syncerReply(failingStatus) }, ['-o', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as { node: string; healthy: boolean; checked: unknown; problems: { object: string }[] };
    expect(report).toMatchObject({ node: 'r1', healthy: false, checked: { virtualAddresses: 1, leaseSyncs: 1, promotions: 1 } });
    expect(report.problems.map((p) => p.object)).toEqual(['DHCPv6ServerLeaseSync/lan-v6-leases', 'DHCPv6ServerLeaseSync/lan-v6-leases target standby-b (198.51.100.3)']);
  });

  it('check › NATS unreachable is exit 3, distinct from a usage error (2)', async () => {
    const io = memoryIo({ env: { ROUTERD_NATS_URL: 'nats://127.0.0.1:1', ROUTERD_NODE: 'r1' } });
    expect(await runCli(['check', '--timeout', '300ms'], io)).toBe(3);
    expect(io.err()).toMatch(/^routerctl: cannot reach NATS at nats:\/\/127\.0\.0\.1:1 within 300ms: /);
    expect(await runCli(['check', '--frobnicate'], memoryIo())).toBe(2);
  });
});
