// The syncer in-process against a real nats-server, with a fake rsync: faults of its own I/O (a full
// staging area) and of what it is told (an event from the future) must not stop it or its status.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, syncStatusSchema, type SyncStatus } from '@routerd/bus';
import type { CommandResult, RunCommand } from '@routerd/agent';
import { haLanResources, loadTestConfig, masterGate, resource } from '@routerd/model/testing';
import { startNatsServer, waitFor, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSyncer, type Syncer } from './syncer.js';
import { heartbeat, NODE, publishLeaseEvent, sha } from './testing/bus-events.js';
import { mountTmpfs, type TestMount } from './testing/mounts.js';

const V4 = 'DHCPv4ServerLeaseSync.lan-v4-leases';
/** dnsmasq lines, documentation addresses only: `count` of them make a file of about 60 × count bytes. */
const leases = (count: number, host = 'cl') =>
  Array.from({ length: count }, (_, i) => `17956490${String(i).padStart(2, '0')} 02:00:00:00:31:${(i % 256).toString(16).padStart(2, '0')} 192.0.2.${100 + (i % 100)} ${host}${i} *\n`).join('');

let nats: NatsServer;
let nc: NatsConnection;
let root: string;
let leaseFile: string;
let syncer: Syncer | undefined;
let stopHeartbeat: (() => void) | undefined;
const mounts: TestMount[] = [];
/** Every status the syncer published, decoded, by "<Kind>.<name>". */
const published = new Map<string, SyncStatus[]>();
const pushed: string[] = [];

const run: RunCommand = async (argv) => {
  pushed.push(argv.at(-2) ?? '');
  return { exitCode: 0, output: '', durationMs: 1, timedOut: false, aborted: false } satisfies CommandResult;
};

async function start(): Promise<Syncer> {
  const targets = [{ host: 'standby.example' }];
  const resources = [
    ...haLanResources({ ifname: 'lo', targets, leaseFile }),
    resource('DHCPv6Server', 'lan-dhcpv6', { leaseFile }),
    resource('DHCPv6ServerLeaseSync', 'lan-v6-leases', { source: { resource: 'DHCPv6Server/lan-dhcpv6' }, targets, when: masterGate() }),
  ];
  const dirs = { stateDir: join(root, 'state'), runtimeDir: join(root, 'run') };
  syncer = await createSyncer({ nc, node: NODE, config: loadTestConfig(resources), dirs, log: pino({ level: 'silent' }), run, backoff: { baseMs: 100, maxMs: 400, jitter: 0 } });
  stopHeartbeat = heartbeat(nc, 'master');
  return syncer;
}

const latest = (sync: string) => published.get(sync)?.at(-1);

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, name: 'syncer-faults-test' });
  const sub = nc.subscribe(`routerd.${NODE}.sync.>`);
  void (async () => {
    for await (const msg of sub) {
      const decoded = decode(syncStatusSchema, msg.data, msg.subject);
      if (!decoded.ok) throw decoded.error;
      const key = `${decoded.value.kind}.${decoded.value.name}`;
      published.set(key, [...(published.get(key) ?? []), decoded.value]);
    }
  })();
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await nats?.cleanup();
}, 30_000);

afterEach(async () => {
  stopHeartbeat?.();
  try {
    await syncer?.stop();
  } finally {
    syncer = undefined;
    for (const mount of mounts.splice(0)) await mount.unmount();
    await rm(root, { recursive: true, force: true });
  }
  published.clear();
  pushed.length = 0;
});

describe('syncer faults', () => {
  vi.setConfig({ testTimeout: 30_000 });

  it('syncer › a full staging area: Error/StagingFailed naming the path and ENOSPC, the other sync unaffected, Synced once there is room', async () => {
    root = await mkdtemp(join(tmpdir(), 'rd-syncer-faults-'));
    leaseFile = join(root, 'state', 'dnsmasq', 'dnsmasq.leases');
    await mkdir(join(root, 'state', 'dnsmasq'), { recursive: true });
    await writeFile(leaseFile, leases(100));
    const full = await mountTmpfs(join(root, 'run', 'syncer', V4), '4k');
    mounts.push(full);
    await start();
    const failed = await waitFor('v4 Error/StagingFailed', () => (latest(V4)?.reason === 'StagingFailed' ? latest(V4) : undefined));
    expect(failed).toMatchObject({ phase: 'Error', reason: 'StagingFailed' });
    expect(failed.message).toBe(`cannot write ${full.path}/${sha(leases(100))}.tmp-${process.pid}: ENOSPC: no space left on device (1 in a row; next attempt in 100 ms)`);
    await waitFor('v6 Synced', () => (latest('DHCPv6ServerLeaseSync.lan-v6-leases')?.phase === 'Synced' ? true : undefined));
    expect(pushed.every((path) => !path.startsWith(full.path))).toBe(true);
    // Retried with backoff (100, 200, 400 ms here), each failure published, until there is room.
    await waitFor('the third attempt', () => (latest(V4)?.message?.endsWith('(3 in a row; next attempt in 400 ms)') ? true : undefined));
    await full.remount('size=64k');
    await waitFor('v4 Synced', () => (latest(V4)?.phase === 'Synced' ? true : undefined), { timeoutMs: 5000 });
    expect(pushed).toContain(join(full.path, sha(leases(100))));
  });

  it('syncer › an event from an hour in the future is ignored and counted; one a few minutes ahead gives a lag of at least 0, and the status keeps publishing', async () => {
    root = await mkdtemp(join(tmpdir(), 'rd-syncer-faults-'));
    leaseFile = join(root, 'state', 'dnsmasq', 'dnsmasq.leases');
    await mkdir(join(root, 'state', 'dnsmasq'), { recursive: true });
    await writeFile(leaseFile, leases(1));
    const running = await start();
    await waitFor('v4 Synced', () => (latest(V4)?.phase === 'Synced' ? true : undefined));
    const next = leases(2, 'future');
    await writeFile(leaseFile, next);
    const bad = running.counters.bad;
    publishLeaseEvent(nc, leaseFile, next, new Date(Date.now() + 3_600_000));
    await waitFor('the event refused', () => (running.counters.bad === bad + 1 ? true : undefined));
    expect(running.counters.lastBad?.error).toContain('observedAt: expected no later than');
    // Within the window (a skewed clock, a step): acted on, and the lag is taken on our own clock.
    publishLeaseEvent(nc, leaseFile, next, new Date(Date.now() + 4 * 60_000));
    const synced = await waitFor('the change Synced on the bus', () => {
      const s = latest(V4);
      return s?.phase === 'Synced' && s.source?.sha256 === sha(next) ? s : undefined;
    });
    expect(synced.lagMs).toBeGreaterThanOrEqual(0);
    expect(synced.lagMs).toBeLessThan(5000);
  });
});
