import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LeaseFileEvent } from '@routerd/bus';
import { leaseFileEventSchema } from '@routerd/bus';
import { SnapshotReadError } from '@routerd/leases';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeaseWatcher, type LeaseWatcher, type LeaseWatcherOptions } from './lease-watcher.js';
import { testConfig } from './testing/config.js';
import { fixture, recordingLog, rewriteInPlace, sleep, waitFor } from './testing/helpers.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('lease-watcher › watching lease files', () => {
  let root: string;
  let leaseDir: string;
  let leasePath: string;
  let watcher: LeaseWatcher | undefined;
  let events: LeaseFileEvent[];
  let log: ReturnType<typeof recordingLog>;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'lease-watcher-'));
    leaseDir = join(root, 'dnsmasq');
    leasePath = join(leaseDir, 'dnsmasq.leases');
    events = [];
    log = recordingLog();
  });
  afterEach(async () => {
    await watcher?.stop();
    watcher = undefined;
    await rm(root, { recursive: true, force: true });
  });

  const start = async (overrides: Partial<LeaseWatcherOptions> = {}) => {
    watcher = createLeaseWatcher({
      node: 'router-a',
      config: testConfig(),
      dirs: { stateDir: root, runtimeDir: join(root, 'run') },
      publish: (event) => {
        const checked = leaseFileEventSchema.safeParse(event);
        if (!checked.success) throw new Error(`invalid event: ${checked.error.message}`);
        events.push(event);
      },
      log,
      timings: { checkIntervalMs: 100 },
      ...overrides,
    });
    await watcher.start();
    return watcher;
  };
  const last = () => events.at(-1);
  /** Waits for the next event(s), then a while longer to see that no others follow. */
  const nextEvents = async (what: string, count = 1) => {
    const before = events.length;
    await waitFor(what, () => events.length >= before + count);
    await sleep(150);
    return events.slice(before);
  };

  it('lease-watcher › a write in place (truncate, then write, like dnsmasq) yields one event with the counts', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    await start();
    expect(events).toHaveLength(1);
    expect(last()).toMatchObject({ exists: true, parsed: true, v4Count: 1, v6Count: 1, sha256: sha(fixture('dnsmasq.leases.final')) });
    const handle = await open(leasePath, 'r+');
    try {
      const writes = nextEvents('the rewrite');
      await rewriteInPlace(handle, fixture('dnsmasq.leases.mixed'));
      const seen = await writes;
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        type: 'lease.file',
        node: 'router-a',
        kind: 'DHCPv4Server',
        name: 'lan-dhcpv4',
        path: leasePath,
        exists: true,
        parsed: true,
        v4Count: 2,
        v6Count: 3,
        size: Buffer.byteLength(fixture('dnsmasq.leases.mixed')),
        sha256: sha(fixture('dnsmasq.leases.mixed')),
      });
      expect(seen[0]?.parseError).toBeUndefined();
    } finally {
      await handle.close();
    }
  });

  it('lease-watcher › creation, deletion and rename into place each publish', async () => {
    await mkdir(leaseDir);
    await start();
    expect(events).toEqual([expect.objectContaining({ exists: false, parsed: false, path: leasePath })]);

    const created = nextEvents('the creation');
    await writeFile(leasePath, fixture('dnsmasq.leases.v4v6'));
    expect(await created).toEqual([expect.objectContaining({ exists: true, parsed: true, sha256: sha(fixture('dnsmasq.leases.v4v6')) })]);

    const deleted = nextEvents('the deletion');
    await unlink(leasePath);
    expect(await deleted).toEqual([expect.objectContaining({ exists: false, parsed: false })]);

    const renamed = nextEvents('the rename into place');
    await writeFile(join(leaseDir, '.dnsmasq.leases.tmp'), fixture('dnsmasq.leases.mixed'));
    await rename(join(leaseDir, '.dnsmasq.leases.tmp'), leasePath);
    expect(await renamed).toEqual([expect.objectContaining({ exists: true, parsed: true, v4Count: 2, v6Count: 3 })]);
  });

  it('lease-watcher › a burst of 200 rewrites within 100 ms publishes few events, the last with the final content', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    await start();
    const before = events.length;
    const handle = await open(leasePath, 'r+');
    const base = fixture('dnsmasq.leases.mixed').split('\n').slice(0, 2).join('\n');
    let final = '';
    try {
      const startedAt = Date.now();
      for (let i = 0; i < 200; i++) {
        final = `${base}\n${1795649100 + i} 02:00:00:00:30:12 192.0.2.132 * *\n`;
        await rewriteInPlace(handle, final);
        if (i % 20 === 19) await sleep(Math.max(0, (startedAt + ((i + 1) / 200) * 100 - Date.now())));
      }
    } finally {
      await handle.close();
    }
    await waitFor('the final content', () => last()?.sha256 === sha(final));
    await sleep(200);
    const burst = events.slice(before);
    expect(burst.length).toBeLessThanOrEqual(6);
    expect(last()).toMatchObject({ parsed: true, v4Count: 3, sha256: sha(final) });
  });

  it('lease-watcher › a torn file (no final newline) is published as not parsed, then the completed write as parsed', async () => {
    await mkdir(leaseDir);
    const full = fixture('dnsmasq.leases.mixed');
    await writeFile(leasePath, full.slice(0, 80));
    await start();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ exists: true, parsed: false });
    expect(events[0]?.sha256).toBeUndefined();
    expect(events[0]?.parseError).toMatch(/^no clean snapshot after 10 reads: line 2: no newline at the end of the file/);
    const completed = nextEvents('the completed write');
    await writeFile(leasePath, full);
    expect(await completed).toEqual([expect.objectContaining({ parsed: true, sha256: sha(full) })]);
    expect(log.messages('warn')).toContain(`${leasePath} has no clean snapshot (not to be shipped); reading it again shortly`);
  });

  it('lease-watcher › a torn file that stays torn is read again with backoff and not published again', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, 'garbage\n');
    let reads = 0;
    await start({
      read: async () => {
        reads += 1;
        return { kind: 'unstable', attempts: 10, lastError: 'line 1: expected 5 fields separated by single spaces, found 1' };
      },
      timings: { checkIntervalMs: 80 },
    });
    await sleep(400);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ parsed: false, parseError: 'no clean snapshot after 10 reads: line 1: expected 5 fields separated by single spaces, found 1' });
    // 25, 50, 80, 80, 80 ms: a handful of retries, not a busy loop.
    expect(reads).toBeGreaterThan(2);
    expect(reads).toBeLessThan(12);
  });

  it('lease-watcher › each source of a shared file publishes its own event', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.v4v6'));
    await start({ config: testConfig({ v6: true }) });
    expect(events.map((e) => `${e.kind}/${e.name}`)).toEqual(['DHCPv4Server/lan-dhcpv4', 'DHCPv6Server/lan-dhcpv6']);
    expect(watcher?.current()).toEqual(events);
  });

  it('lease-watcher › a missing directory is logged once, watched once it appears', async () => {
    await start({ timings: { checkIntervalMs: 50 } });
    expect(events).toEqual([expect.objectContaining({ exists: false })]);
    await sleep(200);
    const warnings = log.messages('warn').filter((m) => m.startsWith(`cannot watch directory ${leaseDir}`));
    expect(warnings).toEqual([`cannot watch directory ${leaseDir}: ENOENT: no such file or directory, stat '${leaseDir}'; retrying every 50 ms`]);
    await mkdir(leaseDir);
    await waitFor('the watch', () => log.messages('info').includes(`watching ${leaseDir} now`));
    const created = nextEvents('the creation');
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    expect(await created).toEqual([expect.objectContaining({ exists: true, parsed: true })]);
  });

  it('lease-watcher › a directory replaced by a file does not crash; the watch comes back with the directory', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    await start({ timings: { checkIntervalMs: 50 } });
    const gone = nextEvents('the removal');
    await rm(leaseDir, { recursive: true });
    await writeFile(leaseDir, 'not a directory\n');
    expect((await gone).at(-1)).toMatchObject({ exists: false, parsed: false });
    await sleep(150);
    expect(log.messages('warn').some((m) => m.startsWith(`cannot watch directory ${leaseDir}: ENOTDIR`))).toBe(true);

    await unlink(leaseDir);
    await mkdir(leaseDir);
    await waitFor('the watch', () => log.messages('info').includes(`watching ${leaseDir} now`));
    const back = nextEvents('the new file');
    await writeFile(leasePath, fixture('dnsmasq.leases.v4v6'));
    expect((await back).at(-1)).toMatchObject({ exists: true, parsed: true });
  });

  it('lease-watcher › an unreadable file is published as not parsed with the reason', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${leasePath}'`), { code: 'EACCES' });
    await start({ read: async (path) => ({ kind: 'unreadable', error: new SnapshotReadError(path, denied) }) });
    expect(events[0]).toMatchObject({
      exists: true,
      parsed: false,
      parseError: `cannot read lease file ${leasePath}: EACCES: permission denied, open '${leasePath}'`,
    });
  });

  it('lease-watcher › a read that throws is logged and retried, never fatal', async () => {
    await mkdir(leaseDir);
    let calls = 0;
    await start({
      read: async () => {
        calls += 1;
        if (calls === 1) throw new Error('disk on fire');
        return { kind: 'missing' };
      },
    });
    expect(log.messages('error')).toContain(`reading ${leasePath} failed: disk on fire`);
    await waitFor('the retry', () => events.length === 1);
    expect(events[0]).toMatchObject({ exists: false });
  });

  it('lease-watcher › a publish that throws is logged and the others still go out', async () => {
    await mkdir(leaseDir);
    await start({
      config: testConfig({ v6: true }),
      publish: (event) => {
        if (event.kind === 'DHCPv4Server') throw new Error('connection closed');
        events.push(event);
      },
    });
    expect(events.map((e) => e.kind)).toEqual(['DHCPv6Server']);
    expect(log.messages('error')).toEqual(['publishing the state of DHCPv4Server/lan-dhcpv4 failed: connection closed']);
  });

  it('lease-watcher › the current state is announced again every announce interval, with its first observation time', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    await start({ timings: { announceIntervalMs: 60 } });
    await waitFor('two announcements', () => events.length >= 3);
    expect(events[1]).toEqual(events[0]);
    expect(events[2]).toEqual(events[0]);
  });

  it('lease-watcher › a change the watch missed is found by the periodic check', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    const { statSync } = await import('node:fs');
    // A watch that never reports anything: only the periodic check can notice the change.
    await start({
      timings: { checkIntervalMs: 50 },
      watchDir: async (options) => ({ dir: options.dir, dirIno: statSync(options.dir).ino, close: () => {} }),
    });
    const found = nextEvents('the periodic check');
    await writeFile(leasePath, fixture('dnsmasq.leases.mixed'));
    expect(await found).toEqual([expect.objectContaining({ v4Count: 2, v6Count: 3 })]);
    expect(log.messages('debug')).toContain(`${leasePath} changed without a watch event`);
  });

  it('lease-watcher › reload re-derives the watched set and publishes new sources at once', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    const pdDir = join(root, 'dhcpv6-client', 'wan-pd');
    await mkdir(pdDir, { recursive: true });
    await writeFile(join(pdDir, 'lease.json'), '{"prefixes":[{"prefix":"2001:db8:100::/56"}]}');
    const w = await start();
    expect(events).toHaveLength(1);
    await w.reload(testConfig({ pd: 'wan-pd' }));
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ kind: 'DHCPv6PrefixDelegation', name: 'wan-pd', parsed: true, v4Count: 0, v6Count: 1 });
    expect(w.current().map((e) => e.kind)).toEqual(['DHCPv4Server', 'DHCPv6PrefixDelegation']);

    await w.reload(testConfig({ v4: false, pd: 'wan-pd' }));
    expect(events).toHaveLength(2);
    expect(w.current().map((e) => e.kind)).toEqual(['DHCPv6PrefixDelegation']);
    await writeFile(leasePath, fixture('dnsmasq.leases.mixed'));
    await sleep(150);
    expect(events).toHaveLength(2);
  });

  it('lease-watcher › after stop nothing is published', async () => {
    await mkdir(leaseDir);
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    const w = await start({ timings: { announceIntervalMs: 30, checkIntervalMs: 30 } });
    await w.stop();
    const count = events.length;
    await writeFile(leasePath, fixture('dnsmasq.leases.mixed'));
    await sleep(150);
    expect(events).toHaveLength(count);
  });
});
