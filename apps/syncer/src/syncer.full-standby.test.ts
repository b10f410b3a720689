// A standby whose disk fills up, with the real rsync over a real sshd: what `--delay-updates` leaves
// behind. rsync keeps the part it received as `.~tmp~/<name>` (its partial-dir) and removes it itself
// on the next successful push of that file, changed or not; this test holds it to that.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haLanResources, loadTestConfig } from '@routerd/model/testing';
import { startNatsServer, startSshd, waitFor, type NatsServer, type Sshd } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncer, type Syncer } from './syncer.js';
import { heartbeat, NODE, publishLeaseEvent } from './testing/bus-events.js';
import { mountTmpfs, type TestMount } from './testing/mounts.js';

const line = (i: number) => `17956490${String(i % 100).padStart(2, '0')} 02:00:00:00:32:${(i % 256).toString(16).padStart(2, '0')} 192.0.2.${100 + (i % 100)} cl${i} *\n`;
const leases = (count: number) => Array.from({ length: count }, (_, i) => line(i)).join('');

let root: string;
let leaseFile: string;
let nats: NatsServer;
let nc: NatsConnection;
let sshd: Sshd;
let disk: TestMount;
let syncer: Syncer;
let stopHeartbeat: () => void;

const standbyDir = () => join(disk.path, 'dnsmasq');
const standbyFile = () => readFile(join(standbyDir(), 'dnsmasq.leases'), 'utf8').catch(() => undefined);
const partials = () => readdir(join(standbyDir(), '.~tmp~')).catch(() => [] as string[]);
const target = () => syncer.statuses()[0]?.targets[0];
/** A change as dnsmasq makes it and the lease-watcher reports it. */
async function write(text: string): Promise<void> {
  await writeFile(leaseFile, text);
  publishLeaseEvent(nc, leaseFile, text);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rd-full-standby-'));
  const stateDir = join(root, 'state');
  leaseFile = join(stateDir, 'dnsmasq', 'dnsmasq.leases');
  await mkdir(join(stateDir, 'dnsmasq'), { recursive: true });
  await writeFile(leaseFile, leases(2));
  // The standby's state dir: 16 KiB in all.
  disk = await mountTmpfs(join(root, 'standby'), '16k');
  // The receiver would make it; without one, an installed standby has it.
  await mkdir(join(disk.path, 'dnsmasq'));
  sshd = await startSshd({ bindMounts: [{ source: disk.path, target: stateDir }] });
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url, name: 'full-standby-test' });
  const targets = [{ host: sshd.host, user: sshd.user, sshOptions: sshd.sshOptions, options: ['--timeout=10'] }];
  syncer = await createSyncer({
    nc, node: NODE, config: loadTestConfig(haLanResources({ ifname: 'lo', targets })), dirs: { stateDir, runtimeDir: join(root, 'run') },
    log: pino({ level: 'silent' }), backoff: { baseMs: 200, maxMs: 1000, jitter: 0 },
  });
  stopHeartbeat = heartbeat(nc, 'master');
}, 60_000);

afterAll(async () => {
  stopHeartbeat?.();
  await syncer?.stop();
  await nc?.close();
  await nats?.cleanup();
  await sshd?.cleanup();
  await disk?.unmount();
  await rm(root, { recursive: true, force: true });
}, 60_000);

describe('syncer and a full standby (real rsync, sshd, tmpfs)', () => {
  it('syncer › a push that fills the standby fails with its ENOSPC, leaves .~tmp~, and the next successful push removes it', async () => {
    await waitFor('the first push', async () => ((await standbyFile()) === leases(2) ? true : undefined), { timeoutMs: 15_000 });
    // 400 lines (~24 KiB) do not fit: rsync's receiver runs out of space in its temp file.
    await write(leases(400));
    const failed = await waitFor('the push to fail', () => (target()?.phase === 'Error' ? target() : undefined), { timeoutMs: 20_000 });
    expect(failed).toMatchObject({ reason: 'CommandFailed', exitCode: 11 });
    expect(failed?.message).toMatch(/^failed with exit code 11: rsync: \[receiver\] write failed on ".*dnsmasq\.leases": No space left on device \(28\)$/);
    expect(await partials()).toEqual(['dnsmasq.leases']);
    expect(await standbyFile()).toBe(leases(2));

    // The file shrinks again (leases expired): the retry fits, and rsync clears its partial-dir.
    await write(leases(3));
    await waitFor('Synced', () => (syncer.statuses()[0]?.phase === 'Synced' && target()?.phase === 'Synced' ? true : undefined), { timeoutMs: 20_000 });
    expect(await standbyFile()).toBe(leases(3));
    expect(await readdir(standbyDir())).toEqual(['dnsmasq.leases']);
  }, 60_000);
});
