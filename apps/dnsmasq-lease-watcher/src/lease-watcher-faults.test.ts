// The lease-watcher when its directory, its reads or its publishing fail: logged, retried, never fatal.
import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { SnapshotReadError } from '@routerd/leases';
import { describe, expect, it } from 'vitest';
import { testConfig } from './testing/config.js';
import { fixture, sleep, waitFor } from './testing/helpers.js';
import { useWatcherHarness } from './testing/watcher-harness.js';

describe('lease-watcher › faults', () => {
  const h = useWatcherHarness();

  it('lease-watcher › a missing directory is logged once, watched once it appears', async () => {
    await h.start({ timings: { checkIntervalMs: 50 } });
    expect(h.events).toEqual([expect.objectContaining({ exists: false })]);
    await sleep(200);
    const warnings = h.log.messages('warn').filter((m) => m.startsWith(`cannot watch directory ${h.leaseDir}`));
    expect(warnings).toEqual([`cannot watch directory ${h.leaseDir}: ENOENT: no such file or directory, stat '${h.leaseDir}'; retrying every 50 ms`]);
    await mkdir(h.leaseDir);
    await waitFor('the watch', () => h.log.messages('info').includes(`watching ${h.leaseDir} now`));
    const created = h.nextEvents('the creation');
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    expect(await created).toEqual([expect.objectContaining({ exists: true, parsed: true })]);
  });

  it('lease-watcher › a directory replaced by a file does not crash; the watch comes back with the directory', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    await h.start({ timings: { checkIntervalMs: 50 } });
    const gone = h.nextEvents('the removal');
    await rm(h.leaseDir, { recursive: true });
    await writeFile(h.leaseDir, 'not a directory\n');
    expect((await gone).at(-1)).toMatchObject({ exists: false, parsed: false });
    await sleep(150);
    expect(h.log.messages('warn').some((m) => m.startsWith(`cannot watch directory ${h.leaseDir}: ENOTDIR`))).toBe(true);

    await unlink(h.leaseDir);
    await mkdir(h.leaseDir);
    await waitFor('the watch', () => h.log.messages('info').includes(`watching ${h.leaseDir} now`));
    const back = h.nextEvents('the new file');
    await writeFile(h.leasePath, fixture('dnsmasq.leases.v4v6'));
    expect((await back).at(-1)).toMatchObject({ exists: true, parsed: true });
  });

  it('lease-watcher › an unreadable file is published as not parsed with the reason', async () => {
    await mkdir(h.leaseDir);
    await writeFile(h.leasePath, fixture('dnsmasq.leases.final'));
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${h.leasePath}'`), { code: 'EACCES' });
    await h.start({ read: async (path) => ({ kind: 'unreadable', error: new SnapshotReadError(path, denied) }) });
    expect(h.events[0]).toMatchObject({
      exists: true,
      parsed: false,
      parseError: `cannot read lease file ${h.leasePath}: EACCES: permission denied, open '${h.leasePath}'`,
    });
  });

  it('lease-watcher › a read that throws is logged and retried, never fatal', async () => {
    await mkdir(h.leaseDir);
    let calls = 0;
    await h.start({
      read: async () => {
        calls += 1;
        if (calls === 1) throw new Error('disk on fire');
        return { kind: 'missing' };
      },
    });
    expect(h.log.messages('error')).toContain(`reading ${h.leasePath} failed: disk on fire`);
    await waitFor('the retry', () => h.events.length === 1);
    expect(h.events[0]).toMatchObject({ exists: false });
  });

  it('lease-watcher › a publish that throws is logged and the others still go out', async () => {
    await mkdir(h.leaseDir);
    await h.start({
      config: testConfig({ v6: true }),
      publish: (event) => {
        if (event.kind === 'DHCPv4Server') throw new Error('connection closed');
        h.events.push(event);
      },
    });
    expect(h.events.map((e) => e.kind)).toEqual(['DHCPv6Server']);
    expect(h.log.messages('error')).toEqual(['publishing the state of DHCPv4Server/lan-dhcpv4 failed: connection closed']);
  });
});
