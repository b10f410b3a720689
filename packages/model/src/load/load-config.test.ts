import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { ConfigError, loadConfig, requireConfig } from './load-config.js';
import { configYaml, lanResources, resource, resourceYaml } from '../testing/index.js';

const GATE = 'when: { state: { VirtualAddress/lan-vip.role: { equals: master } } }';

const CURRENT = configYaml(lanResources(), { router: 'ha' });

describe('load config', () => {
  it('load config › one source is the whole configuration', () => {
    const result = loadConfig([{ file: 'router.yaml', text: CURRENT }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.config?.name).toBe('ha');
    expect(result.config?.resources.map((r) => r.metadata.name)).toEqual(['lan', 'lan-vip', 'lan-dhcpv4']);
    expect(result.resources.map((r) => r.file)).toEqual(['router.yaml', 'router.yaml', 'router.yaml']);
  });

  it('load config › later sources merge into earlier ones and are checked together', () => {
    const overlay = resourceYaml('Interface', 'lan', '{ ifname: eth7 }') + resourceYaml('DHCPv4ServerLeaseSync', 'v4', `{ source: { resource: lan-dhcpv4 }, targets: [{ host: standby }], ${GATE} }`);
    const result = loadConfig([
      { file: 'router.yaml', text: CURRENT },
      { file: 'new.yaml', text: overlay },
    ]);
    // Only the warning that no DHCPServerPromotion follows lan-vip (check-promotions.test.ts).
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.config?.name).toBe('ha');
    expect(result.resources.map((r) => `${r.resource.metadata.name}@${r.file}`)).toEqual(['lan@new.yaml', 'lan-vip@router.yaml', 'lan-dhcpv4@router.yaml', 'v4@new.yaml']);
  });

  it('load config › an overlay referring to a missing resource fails the merged configuration', () => {
    const overlay = resourceYaml('DHCPv6ServerLeaseSync', 'v6', `{ source: { resource: lan-dhcpv6 }, targets: [{ host: standby }], ${GATE} }`);
    const result = loadConfig([
      { file: 'router.yaml', text: CURRENT },
      { file: 'new.yaml', text: overlay },
    ]);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      'new.yaml:4:31: net.routerd.net/v1alpha1/DHCPv6ServerLeaseSync/v6 spec.source.resource: expected the name of a declared DHCPv6Server (none declared), found "lan-dhcpv6"',
    ]);
  });

  it('load config › reports the problems of every source, in source and file order', () => {
    const result = loadConfig([
      { file: 'b.yaml', text: resourceYaml('Interface', 'x', '{ ifname: "a b" }') + 'oops' },
      { file: 'a.yaml', text: '- 1\n' },
    ]);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(['b.yaml:5', 'a.yaml:1']);
  });

  it('load config › warnings leave the configuration valid', () => {
    const unguarded = resource('DHCPv4ServerLeaseSync', 'v4', { source: { resource: 'lan-dhcpv4' }, targets: [{ host: 'standby' }], delivery: 'replace' });
    const text = configYaml([...lanResources(), unguarded], { router: 'ha' });
    const result = loadConfig([{ file: 'router.yaml', text }]);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(result.config?.resources).toHaveLength(4);
  });

  it('load config › no source at all is an error', () => {
    expect(loadConfig([]).diagnostics.map(formatDiagnostic)).toEqual(['<none>:1:1: expected at least one configuration source, found none']);
  });

  it('load config › requireConfig returns a valid configuration and throws ConfigError otherwise', () => {
    expect(requireConfig(loadConfig([{ file: 'router.yaml', text: CURRENT }])).name).toBe('ha');
    const bad = loadConfig([{ file: '<stdin>', text: 'nope' }]);
    expect(() => requireConfig(bad)).toThrow(ConfigError);
    expect(() => requireConfig(bad)).toThrow(
      'invalid configuration (1 error):\n<stdin>:1:1: expected a Router document (apiVersion routerd.net/v1alpha1, kind Router) or a YAML list of resources, found "nope"',
    );
    try {
      requireConfig(bad);
    } catch (error) {
      expect((error as ConfigError).name).toBe('ConfigError');
      expect((error as ConfigError).diagnostics).toHaveLength(1);
    }
  });
});
