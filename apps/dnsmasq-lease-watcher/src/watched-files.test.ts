import { describe, expect, it } from 'vitest';
import type { RouterConfig } from '@routerd/model';
import { SHARED_DNSMASQ_FILE, testConfig } from './testing/config.js';
import { watchedFiles } from './watched-files.js';

const dirs = { stateDir: '/srv/state', runtimeDir: '/srv/run' };

function watch(config: RouterConfig) {
  const problems: string[] = [];
  return { files: watchedFiles(config, dirs, (p) => problems.push(p)), problems };
}

describe('lease-watcher › watched files', () => {
  it('lease-watcher › the v4 and v6 syncs share the one dnsmasq file, with both sources', () => {
    const { files, problems } = watch(testConfig({ v6: true }));
    expect(problems).toEqual([]);
    expect(files).toEqual([SHARED_DNSMASQ_FILE]);
  });

  it('lease-watcher › a leaseFile override and a PD client lease are watched at their own paths', () => {
    const { files } = watch(testConfig({ leaseFile: '/srv/leases/lan.leases', pd: 'wan-pd' }));
    expect(files.map((f) => [f.path, f.format, f.sources.map((s) => `${s.kind}/${s.name}`)])).toEqual([
      ['/srv/leases/lan.leases', 'dnsmasq', ['DHCPv4Server/lan-dhcpv4']],
      ['/srv/state/dhcpv6-client/wan-pd/lease.json', 'pd-lease', ['DHCPv6PrefixDelegation/wan-pd']],
    ]);
  });

  it('lease-watcher › a configuration without syncs watches nothing', () => {
    expect(watch(testConfig({ v4: false })).files).toEqual([]);
  });

  it('lease-watcher › two syncs of the same source yield one source; a source of the wrong kind is reported and skipped', () => {
    const config = testConfig();
    const [first] = config.resources.filter((r) => r.kind === 'DHCPv4ServerLeaseSync');
    if (first?.kind !== 'DHCPv4ServerLeaseSync') throw new Error('test config without a v4 sync');
    const twin = { ...first, metadata: { name: 'twin' } };
    const wrong = { ...first, metadata: { name: 'wrong' }, spec: { ...first.spec, source: { resource: 'DHCPv6Server/lan-dhcpv6' } } };
    const { files, problems } = watch({ resources: [...config.resources, twin, wrong] });
    expect(files).toHaveLength(1);
    expect(files[0]?.sources).toEqual([{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }]);
    expect(problems).toEqual([
      'DHCPv4ServerLeaseSync/wrong: expected spec.source.resource to name a DHCPv4Server, found "DHCPv6Server/lan-dhcpv6"; not watched',
    ]);
  });

  it('lease-watcher › a path that cannot be derived is reported with the sync and skipped', () => {
    const config = testConfig({ v6: true, leaseFile: '/srv/leases/lan.leases' });
    const resources = config.resources.map((r) => (r.kind === 'DHCPv6Server' ? { ...r, spec: { ...r.spec, leaseFile: '/other/file' } } : r));
    const { files, problems } = watch({ resources });
    expect(files).toEqual([]);
    expect(problems[0]).toMatch(/^DHCPv4ServerLeaseSync\/lan-v4-leases: one dnsmasq serves every DHCP server, so their leaseFile values must agree: .*; not watched$/);
    expect(problems).toHaveLength(2);
  });
});
