// The receiver's report through real sshd, ssh and rsync: a stand-in for routerd-lease-receiver is the
// forced command of the key, runs the rsync server the push asks for (or not, when it refuses), and
// writes the one stderr line the real one writes (@routerd/leases formatReceiverReport). The real
// receiver's own end-to-end test is apps/lease-receiver's; this one holds the pushing side to its half.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, reconcileEventSchema, reconcileWildcard, type ReconcileEvent } from '@routerd/bus';
import { formatReceiverReport } from '@routerd/leases';
import { haLanResources, loadTestConfig } from '@routerd/model/testing';
import { startNatsServer, startSshd, waitFor, type NatsServer, type Sshd } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncer, type Syncer } from './syncer.js';
import { heartbeat, NODE, publishLeaseEvent } from './testing/bus-events.js';

const LEASE = (i: number) => `17956490${10 + i} 02:00:00:00:34:${(16 + i).toString(16)} 192.0.2.${140 + i} cl${i} *\n`;
const SPLIT_BRAIN = 'r2 holds VirtualAddress/lan-vip (192.0.2.1/32) and its DHCP server runs';

let root: string;
let leaseFile: string;
let standbyDir: string;
let nats: NatsServer;
let nc: NatsConnection;
let sshd: Sshd;
let syncer: Syncer;
let stopHeartbeat: () => void;
const events: ReconcileEvent[] = [];

/** What the stand-in answers next: the report line, and whether it runs the rsync server first. */
async function answer(report: string, runServer: boolean): Promise<void> {
  await writeFile(join(root, 'report'), report);
  await writeFile(join(root, 'run-server'), runServer ? 'yes' : 'no');
}

async function write(text: string): Promise<void> {
  await writeFile(leaseFile, text);
  publishLeaseEvent(nc, leaseFile, text);
}

const target = () => syncer.statuses()[0]?.targets[0];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rd-receiver-report-'));
  const stateDir = join(root, 'state');
  leaseFile = join(stateDir, 'dnsmasq', 'dnsmasq.leases');
  await mkdir(join(stateDir, 'dnsmasq'), { recursive: true });
  standbyDir = join(root, 'standby');
  await mkdir(join(standbyDir, 'dnsmasq'), { recursive: true });
  const receiver = join(root, 'fake-receiver');
  // The rsync server command line has no quoted words: split on spaces, never globbed.
  await writeFile(
    receiver,
    `#!/bin/sh\nset -f\nif [ "$(cat '${root}/run-server')" = yes ]; then $SSH_ORIGINAL_COMMAND || exit $?; fi\ncat '${root}/report' >&2\n[ "$(cat '${root}/run-server')" = yes ]\n`,
  );
  await chmod(receiver, 0o755);
  await answer(formatReceiverReport({ type: 'merged', leases: 1, taken: 1, kept: 0, changed: true, conflicts: [], conflictCount: 0 }), true);
  await writeFile(leaseFile, LEASE(0));
  sshd = await startSshd({ bindMounts: [{ source: standbyDir, target: stateDir }], authorizedKeyOptions: `restrict,command="${receiver}"` });
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, name: 'receiver-report-test' });
  const sub = nc.subscribe(reconcileWildcard(NODE));
  void (async () => {
    for await (const msg of sub) {
      const decoded = decode(reconcileEventSchema, msg.data, msg.subject);
      if (decoded.ok) events.push(decoded.value);
    }
  })();
  const targets = [{ name: 'r2', host: sshd.host, user: sshd.user, sshOptions: sshd.sshOptions, options: ['--timeout=10'] }];
  syncer = await createSyncer({
    nc, node: NODE, config: loadTestConfig(haLanResources({ ifname: 'lo', targets })), dirs: { stateDir, runtimeDir: join(root, 'run') },
    log: pino({ level: 'silent' }), backoff: { baseMs: 200, maxMs: 400, jitter: 0 },
  });
  stopHeartbeat = heartbeat(nc, 'master');
}, 60_000);

afterAll(async () => {
  stopHeartbeat?.();
  await syncer?.stop();
  await nc?.close();
  await nats?.cleanup();
  await sshd?.cleanup();
  await rm(root, { recursive: true, force: true });
}, 60_000);

describe('syncer and a receiver report (real sshd, ssh, rsync)', () => {
  it('syncer › a merge report reaches the status and the bus; a split-brain refusal is Error/SplitBrain across its retries with one event', { timeout: 60_000 }, async () => {
    await waitFor('the merge', () => (target()?.lastMerge?.leases === 1 && target()?.phase === 'Synced' ? true : undefined), { timeoutMs: 15_000 });
    expect(await readFile(join(standbyDir, 'dnsmasq', 'dnsmasq.leases'), 'utf8')).toBe(LEASE(0));
    await waitFor('push-merged', () => (events.some((e) => e.action === 'push-merged') ? true : undefined));
    expect(events.find((e) => e.action === 'push-merged')).toMatchObject({ kind: 'DHCPv4Server', name: 'lan-dhcpv4', peer: 'r2', leases: 1, taken: 1, kept: 0 });

    await answer(formatReceiverReport({ type: 'refused', reason: 'SplitBrain', text: SPLIT_BRAIN }), false);
    await write(LEASE(0) + LEASE(1));
    await waitFor('three refused attempts', () => ((target()?.consecutiveFailures ?? 0) >= 3 ? true : undefined), { timeoutMs: 15_000 });
    expect(target()).toMatchObject({
      phase: 'Error',
      reason: 'SplitBrain',
      message: `split brain: r2 (127.0.0.1) serves DHCP itself and refused the push: ${SPLIT_BRAIN}`,
    });
    expect(syncer.statuses()[0]).toMatchObject({ phase: 'Error', reason: 'SyncFailed' });
    expect(events.filter((e) => e.action === 'push-refused').map((e) => [e.reason, e.peer])).toEqual([['SplitBrain', 'r2']]);
    // Nothing reached the standby's file while it refused.
    expect(await readFile(join(standbyDir, 'dnsmasq', 'dnsmasq.leases'), 'utf8')).toBe(LEASE(0));

    await answer(formatReceiverReport({ type: 'merged', leases: 2, taken: 2, kept: 0, changed: true, conflicts: [], conflictCount: 0 }), true);
    await waitFor('merged again', () => (target()?.phase === 'Synced' && target()?.lastMerge?.leases === 2 ? true : undefined), { timeoutMs: 15_000 });
    expect(await readFile(join(standbyDir, 'dnsmasq', 'dnsmasq.leases'), 'utf8')).toBe(LEASE(0) + LEASE(1));
  });
});
