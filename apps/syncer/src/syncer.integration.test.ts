// The syncer against real nats-server, sshd and rsync. Each standby is an sshd in its own mount
// namespace, with a separate folder bind-mounted over the state dir: the target path equals the
// source path, as in production. The test publishes the role events a vip-watcher would. No receiver
// is the forced command here (apps/lease-receiver has its own end-to-end test), so the standby's
// lease directory is made by the test, as an installed standby has it.
import { mkdir, mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, reconcileEventSchema, reconcileWildcard, syncerStatusEndpoint, type ReconcileEvent, type SyncStatus, type VipRoleEvent } from '@routerd/bus';
import type { RouterConfig } from '@routerd/model';
import { haLanResources, loadTestConfig } from '@routerd/model/testing';
import { startNatsServer, startSshd, waitFor, type NatsServer, type Sshd } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSyncer, type Syncer } from './syncer.js';
import { heartbeat as publishHeartbeat, NODE, publishLeaseEvent, publishRole, sha } from './testing/bus-events.js';
const LEASE_A = '1795649016 02:00:00:00:30:10 192.0.2.130 cl 01:02:00:00:00:30:10\n';
const LEASE_B = '1795649019 02:00:00:00:30:11 192.0.2.131 * *\n';

let root: string;
let stateDir: string;
let leaseFile: string;
let nats: NatsServer;
let nc: NatsConnection;
const standbys: { sshd: Sshd; dir: string }[] = [];
let syncer: Syncer;

const role = (r: VipRoleEvent['role']) => publishRole(nc, r);
const heartbeat = (r: VipRoleEvent['role']) => publishHeartbeat(nc, r);
const standbyFile = (i: number) => join(standbys[i]!.dir, 'dnsmasq', 'dnsmasq.leases');
const readStandby = (i: number) => readFile(standbyFile(i), 'utf8').catch(() => undefined);
const readHandback = (i: number) => readFile(`${standbyFile(i)}.routerd-handback`, 'utf8').catch(() => undefined);
/** Every reconcile event the syncer published. */
const reconciled: ReconcileEvent[] = [];


function status(): SyncStatus {
  const s = syncer.statuses()[0];
  if (!s) throw new Error('no status');
  return s;
}

/** dnsmasq's way of writing: rewind, truncate, write, on the same inode; then the lease-watcher's event. */
async function rewrite(text: string): Promise<void> {
  const fh = await open(leaseFile, 'r+');
  await fh.truncate(0);
  await fh.write(text, 0);
  await fh.sync();
  await fh.close();
  // Claims parsed even for a torn file: the syncer must not trust the event, only its own snapshot.
  publishLeaseEvent(nc, leaseFile, text);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rd-syncer-'));
  stateDir = join(root, 'state');
  leaseFile = join(stateDir, 'dnsmasq', 'dnsmasq.leases');
  await mkdir(join(stateDir, 'dnsmasq'), { recursive: true });
  nats = await startNatsServer();
  for (let i = 0; i < 2; i++) {
    const dir = join(root, `standby-${i}`);
    await mkdir(join(dir, 'dnsmasq'), { recursive: true });
    standbys.push({ dir, sshd: await startSshd({ bindMounts: [{ source: dir, target: stateDir }] }) });
  }
  nc = await connect({ servers: nats.url, name: 'syncer-test' });
  const sub = nc.subscribe(reconcileWildcard(NODE));
  void (async () => {
    for await (const msg of sub) {
      const decoded = decode(reconcileEventSchema, msg.data, msg.subject);
      if (decoded.ok) reconciled.push(decoded.value);
    }
  })();
  const targets = standbys.map(({ sshd }) => ({ host: sshd.host, user: sshd.user, sshOptions: sshd.sshOptions, options: ['--timeout=10'] }));
  const config: RouterConfig = loadTestConfig(haLanResources({ ifname: 'lo', targets }));
  syncer = await createSyncer({
    nc,
    node: NODE,
    config,
    dirs: { stateDir, runtimeDir: join(root, 'run') },
    log: pino({ level: 'silent' }),
    backoff: { baseMs: 200, maxMs: 1000, jitter: 0.1 },
  });
}, 60_000);

afterAll(async () => {
  await syncer?.stop();
  await nc?.close();
  for (const { sshd } of standbys) await sshd.cleanup();
  await nats?.cleanup();
  await rm(root, { recursive: true, force: true });
}, 60_000);

describe('syncer (real nats-server, sshd, rsync)', () => {
  vi.setConfig({ testTimeout: 30_000 });

  it('syncer › role backup: nothing is pushed, status Pending/WhenFalse', async () => {
    const stop = heartbeat('backup');
    try {
      await writeFile(leaseFile, LEASE_A);
      await waitFor('WhenFalse', () => (status().reason === 'WhenFalse' ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await readStandby(0)).toBeUndefined();
      expect(await readStandby(1)).toBeUndefined();
    } finally {
      stop();
    }
  });

  it('syncer › a lease write reaches every standby, identical, and the status says Synced with the lag', async () => {
    const stop = heartbeat('master');
    try {
      await waitFor('standby 0 identical', async () => ((await readStandby(0)) === LEASE_A ? true : undefined));
      await waitFor('standby 1 identical', async () => ((await readStandby(1)) === LEASE_A ? true : undefined));
      await waitFor('Synced', () => (status().phase === 'Synced' ? true : undefined));
      // Never the live file's directory on the host: the bind mount keeps the copies apart.
      expect(await readFile(leaseFile, 'utf8')).toBe(LEASE_A);
      const s = status();
      expect(s.source?.sha256).toBe(sha(LEASE_A));
      expect(s.source?.v4Count).toBe(1);
      expect(s.targets.map((t) => t.phase)).toEqual(['Synced', 'Synced']);

      // A change made in place, as dnsmasq does it.
      const before = Date.now();
      await rewrite(LEASE_A + LEASE_B);
      await waitFor('change on standby 0', async () => ((await readStandby(0)) === LEASE_A + LEASE_B ? true : undefined));
      await waitFor('Synced with the change', () => (status().phase === 'Synced' && status().source?.sha256 === sha(LEASE_A + LEASE_B) ? true : undefined));
      expect(status().lagMs).toBeGreaterThanOrEqual(0);
      expect(Date.now() - before).toBeLessThan(10_000);
    } finally {
      stop();
    }
  });

  it('syncer › a same-size change within one second reaches the standby (no quick-check skip)', async () => {
    const stop = heartbeat('master');
    try {
      const one = LEASE_A.replace('192.0.2.130', '192.0.2.140');
      const two = LEASE_A.replace('192.0.2.130', '192.0.2.150');
      expect(one.length).toBe(two.length);
      await rewrite(one);
      await waitFor('first version', async () => ((await readStandby(0)) === one ? true : undefined));
      await rewrite(two);
      await waitFor('same-size second version', async () => ((await readStandby(0)) === two ? true : undefined));
      await waitFor('both standbys', async () => ((await readStandby(1)) === two ? true : undefined));
    } finally {
      stop();
    }
  });

  it('syncer › a torn source file is never shipped', async () => {
    const stop = heartbeat('master');
    try {
      const whole = LEASE_A + LEASE_B;
      await rewrite(whole);
      await waitFor('whole file', async () => ((await readStandby(0)) === whole ? true : undefined));
      const torn = whole.slice(0, whole.length - 10);
      await rewrite(torn);
      await waitFor('SourceUnstable', () => (status().reason === 'SourceUnstable' ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await readStandby(0)).toBe(whole);
      expect(status()).toMatchObject({ phase: 'Pending', reason: 'SourceUnstable' });
      await rewrite(whole + LEASE_A.replace('30:10', '30:12').replace('.130', '.132'));
      await waitFor('the next whole file', async () => ((await readStandby(0))?.split('\n').length === 4 ? true : undefined));
    } finally {
      stop();
    }
  });

  it('syncer › standby sshd down: Error for it, the other target unaffected, then Synced again on its own', async () => {
    const stop = heartbeat('master');
    try {
      await standbys[0]!.sshd.stop();
      const next = `${LEASE_B}`;
      await rewrite(next);
      await waitFor('standby 1 synced', async () => ((await readStandby(1)) === next ? true : undefined));
      // rsync renames the file into place a moment before it exits and the status follows.
      await waitFor('standby 1 Synced, standby 0 Error', () =>
        status().targets[1]?.phase === 'Synced' && status().targets[0]?.phase === 'Error' ? true : undefined,
      );
      expect(status()).toMatchObject({ phase: 'Error', reason: 'SyncFailed' });
      const [down, up] = status().targets;
      expect(down).toMatchObject({ name: 'standby-0', phase: 'Error' });
      expect(down!.consecutiveFailures).toBeGreaterThanOrEqual(1);
      expect(down!.exitCode).toBeGreaterThan(0);
      expect(down!.output).toMatch(/connect|closed|refused|unexpectedly/i);
      expect(up).toMatchObject({ name: 'standby-1', phase: 'Synced' });
      await standbys[0]!.sshd.start();
      await waitFor('standby 0 back in sync', async () => ((await readStandby(0)) === next ? true : undefined), { timeoutMs: 15_000 });
      await waitFor('Synced', () => (status().phase === 'Synced' ? true : undefined), { timeoutMs: 15_000 });
    } finally {
      stop();
    }
  }, 30_000);

  it('syncer › demoted: the last file is handed back once to each standby with the real rsync, and said on the bus', async () => {
    let stop = heartbeat('master');
    const last = LEASE_A + LEASE_B.replace('.131', '.133');
    try {
      await rewrite(last);
      await waitFor('standby 1 has the last file', async () => ((await readStandby(1)) === last ? true : undefined), { timeoutMs: 15_000 });
      expect(await readHandback(0)).toBeUndefined();
    } finally {
      stop();
    }
    // No DHCPServerPromotion covers the source here: nothing to wait for.
    stop = heartbeat('backup');
    try {
      await waitFor('handback on standby 0', async () => ((await readHandback(0)) === last ? true : undefined));
      await waitFor('handback on standby 1', async () => ((await readHandback(1)) === last ? true : undefined));
      await waitFor('two handback-sent events', () => (reconciled.filter((e) => e.action === 'handback-sent').length === 2 ? true : undefined));
      expect(reconciled.filter((e) => e.action === 'handback-sent').map((e) => [e.kind, e.name, e.peer, e.message]).sort()).toEqual([
        ['DHCPv4Server', 'lan-dhcpv4', 'standby-0', 'handback to standby-0: sent (no receiver report)'],
        ['DHCPv4Server', 'lan-dhcpv4', 'standby-1', 'handback to standby-1: sent (no receiver report)'],
      ]);
      await waitFor('the messages', () => (status().targets.every((t) => t.message?.startsWith('handback to ')) ? true : undefined));
      expect(status()).toMatchObject({ phase: 'Pending', reason: 'WhenFalse' });
    } finally {
      stop();
    }
  });

  it('syncer › the role going stale (no heartbeat) stops the pushing', async () => {
    role('master');
    // No heartbeat follows: after 3 × 200 ms the role is unknown.
    await waitFor('WhenUnknown', () => (status().reason === 'WhenUnknown' ? true : undefined), { timeoutMs: 5000 });
    const before = await readStandby(0);
    await rewrite(LEASE_A);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await readStandby(0)).toBe(before);
  });

  it('syncer › answers status requests through the NATS services API', async () => {
    const reply = await nc.request(syncerStatusEndpoint.subject(NODE), new TextEncoder().encode('{}'), { timeout: 2000 });
    const body = syncerStatusEndpoint.response.parse(JSON.parse(new TextDecoder().decode(reply.data)));
    expect(body.items.map((s) => `${s.kind}/${s.name}`)).toEqual(['DHCPv4ServerLeaseSync/lan-v4-leases']);
    const missing = await nc.request(syncerStatusEndpoint.subject(NODE), new TextEncoder().encode('{"name":"nope"}'), { timeout: 2000 });
    expect(missing.headers?.get('Nats-Service-Error-Code')).toBe('404');
  });

  it('syncer › stop leaves no rsync or ssh process and no staged copies behind', async () => {
    await syncer.stop();
    const leftovers: string[] = [];
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      // An ssh ControlMaster renames itself "ssh: <socket> [mux]".
      if (cmdline.includes(root) && /^(\S*\/)?(rsync|ssh)(\0|:)/.test(cmdline)) leftovers.push(cmdline.replaceAll('\0', ' '));
    }
    expect(leftovers).toEqual([]);
    expect(await readdir(join(root, 'run', 'syncer')).catch(() => [])).toEqual([]);
  });
});
