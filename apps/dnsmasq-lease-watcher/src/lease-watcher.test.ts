import { createHash } from 'node:crypto';
import { mkdir, open, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testConfig } from './testing/config.js';
import { fixture, rewriteInPlace, sleep, waitFor } from './testing/helpers.js';
import { useWatcherHarness } from './testing/watcher-harness.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('lease-watcher › watching lease files', () => {
  const h = useWatcherHarness();

  it('lease-watcher › a write in place (truncate, then write, like dnsmasq) yields one event with the counts', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    await h.start();
    expect(h.events).toHaveLength(1);
    expect(h.last()).toMatchObject({ exists: true, parsed: true, v4Count: 1, v6Count: 1, sha256: sha(fixture('dnsmasq.leases.final')) });
    const handle = await open(h.leasePath, 'r+');
    try {
      const writes = h.nextEvents('the rewrite');
      await rewriteInPlace(handle, fixture('dnsmasq.leases.mixed'));
      const seen = await writes;
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        type: 'lease.file',
        node: 'router-a',
        kind: 'DHCPv4Server',
        name: 'lan-dhcpv4',
        path: h.leasePath,
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
    await mkdir(h.leaseDir);
    await h.start();
    expect(h.events).toEqual([expect.objectContaining({ exists: false, parsed: false, path: h.leasePath })]);

    const created = h.nextEvents('the creation');
    await writeFile(h.leasePath, fixture('dnsmasq.leases.v4v6'));
    expect(await created).toEqual([expect.objectContaining({ exists: true, parsed: true, sha256: sha(fixture('dnsmasq.leases.v4v6')) })]);

    const deleted = h.nextEvents('the deletion');
    await unlink(h.leasePath);
    expect(await deleted).toEqual([expect.objectContaining({ exists: false, parsed: false })]);

    const renamed = h.nextEvents('the rename into place');
    await writeFile(join(h.leaseDir, '.dnsmasq.leases.tmp'), fixture('dnsmasq.leases.mixed'));
    await rename(join(h.leaseDir, '.dnsmasq.leases.tmp'), h.leasePath);
    expect(await renamed).toEqual([expect.objectContaining({ exists: true, parsed: true, v4Count: 2, v6Count: 3 })]);
  });

  it('lease-watcher › a burst of 200 rewrites within 100 ms publishes few events, the last with the final content', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    await h.start();
    const before = h.events.length;
    const handle = await open(h.leasePath, 'r+');
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
    await waitFor('the final content', () => h.last()?.sha256 === sha(final));
    await sleep(200);
    const burst = h.events.slice(before);
    expect(burst.length).toBeLessThanOrEqual(6);
    expect(h.last()).toMatchObject({ parsed: true, v4Count: 3, sha256: sha(final) });
  });

  it('lease-watcher › a torn file (no final newline) is published as not parsed, then the completed write as parsed', async () => {
    await mkdir(h.leaseDir);
    const full = fixture('dnsmasq.leases.mixed');
    await writeFile(h.leasePath, full.slice(0, 80));
    await h.start();
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ exists: true, parsed: false });
    expect(h.events[0]?.sha256).toBeUndefined();
    expect(h.events[0]?.parseError).toMatch(/^no clean snapshot after 10 reads: line 2: no newline at the end of the file/);
    const completed = h.nextEvents('the completed write');
    await writeFile(h.leasePath, full);
    expect(await completed).toEqual([expect.objectContaining({ parsed: true, sha256: sha(full) })]);
    expect(h.log.messages('warn')).toContain(`${h.leasePath} has no clean snapshot (not to be shipped); reading it again shortly`);
  });

  it('lease-watcher › a torn file that stays torn is read again with backoff and not published again', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, 'garbage\n');
    let reads = 0;
    await h.start({
      read: async () => {
        reads += 1;
        return { kind: 'unstable', attempts: 10, lastError: 'line 1: expected 5 fields separated by single spaces, found 1' };
      },
      timings: { checkIntervalMs: 80 },
    });
    await sleep(400);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ parsed: false, parseError: 'no clean snapshot after 10 reads: line 1: expected 5 fields separated by single spaces, found 1' });
    // 25, 50, 80, 80, 80 ms: a handful of retries, not a busy loop.
    expect(reads).toBeGreaterThan(2);
    expect(reads).toBeLessThan(12);
  });

  it('lease-watcher › each source of a shared file publishes its own event', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.v4v6'));
    await h.start({ config: testConfig({ v6: true }) });
    expect(h.events.map((e) => `${e.kind}/${e.name}`)).toEqual(['DHCPv4Server/lan-dhcpv4', 'DHCPv6Server/lan-dhcpv6']);
    expect(h.watcher?.current()).toEqual(h.events);
  });

  it('lease-watcher › the current state is announced again every announce interval, with its first observation time', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    await h.start({ timings: { announceIntervalMs: 60 } });
    await waitFor('two announcements', () => h.events.length >= 3);
    expect(h.events[1]).toEqual(h.events[0]);
    expect(h.events[2]).toEqual(h.events[0]);
  });

  it('lease-watcher › a change the watch missed is found by the periodic check', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    const { statSync } = await import('node:fs');
    // A watch that never reports anything: only the periodic check can notice the change.
    await h.start({
      timings: { checkIntervalMs: 50 },
      watchDir: async (options) => ({ dir: options.dir, dirIno: statSync(options.dir).ino, close: () => {} }),
    });
    const found = h.nextEvents('the periodic check');
    await writeFile(h.leasePath, fixture('dnsmasq.leases.mixed'));
    expect(await found).toEqual([expect.objectContaining({ v4Count: 2, v6Count: 3 })]);
    expect(h.log.messages('debug')).toContain(`${h.leasePath} changed without a watch event`);
  });

  it('lease-watcher › reload re-derives the watched set and publishes new sources at once', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    const pdDir = join(h.root, 'dhcpv6-client', 'wan-pd');
    await mkdir(pdDir, { recursive: true });
    await writeFile(join(pdDir, 'lease.json'), '{"prefixes":[{"prefix":"2001:db8:100::/56"}]}');
    const w = await h.start();
    expect(h.events).toHaveLength(1);
    await w.reload(testConfig({ pd: 'wan-pd' }));
    expect(h.events).toHaveLength(2);
    expect(h.events[1]).toMatchObject({ kind: 'DHCPv6PrefixDelegation', name: 'wan-pd', parsed: true, v4Count: 0, v6Count: 1 });
    expect(w.current().map((e) => e.kind)).toEqual(['DHCPv4Server', 'DHCPv6PrefixDelegation']);

    await w.reload(testConfig({ v4: false, pd: 'wan-pd' }));
    expect(h.events).toHaveLength(2);
    expect(w.current().map((e) => e.kind)).toEqual(['DHCPv6PrefixDelegation']);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.mixed'));
    await sleep(150);
    expect(h.events).toHaveLength(2);
  });

  it('lease-watcher › after stop nothing is published', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    const w = await h.start({ timings: { announceIntervalMs: 30, checkIntervalMs: 30 } });
    await w.stop();
    const count = h.events.length;
    await writeFile(h.leasePath, fixture('dnsmasq.leases.mixed'));
    await sleep(150);
    expect(h.events).toHaveLength(count);
  });
});
