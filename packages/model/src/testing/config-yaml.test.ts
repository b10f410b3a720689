import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../load/load-config.js';
import { configYaml, loadTestConfig, resourceYaml } from './config-yaml.js';
import { resource } from './resources.js';

describe('test config yaml', () => {
  it('test config yaml › a resource is four lines, a text spec kept as written', () => {
    expect(resourceYaml('Interface', 'lan', '{ ifname: eth1 }')).toBe('- apiVersion: net.routerd.net/v1alpha1\n  kind: Interface\n  metadata: { name: lan }\n  spec: { ifname: eth1 }\n');
  });

  it('test config yaml › a spec value is one flow line with every string quoted', () => {
    const spec = { address: '2001:db8::1', sshOptions: ['-p', '2200'], vrrp: { virtualRouterID: 51 }, empty: {} };
    expect(resourceYaml('X', 'x', spec).split('\n')[3]).toBe('  spec: { address: "2001:db8::1", sshOptions: [ "-p", "2200" ], vrrp: { virtualRouterID: 51 }, empty: {} }');
    expect(resourceYaml('X', 'x')).toContain('  spec: {}\n');
  });

  it('test config yaml › a Router document holds the same resources, from line 6', () => {
    const resources = [resource('Interface', 'lan', { ifname: 'eth1' }), resource('VirtualAddress', 'lan-vip', { interface: 'lan', family: 'ipv4', address: '192.0.2.1/24' })];
    const result = loadConfig([{ file: 'r.yaml', text: configYaml(resources, { router: 'ha' }) }]);
    expect(result.diagnostics.map((d) => `${d.line} ${d.resourceId ?? ''} ${d.message}`)).toEqual([
      '13 net.routerd.net/v1alpha1/VirtualAddress/lan-vip expected an ipv4 address with prefix /32 (or none), found "192.0.2.1/24"',
    ]);
    expect(result.resources.map((r) => `${r.resource.kind}/${r.resource.metadata.name}`)).toEqual(['Interface/lan']);
  });

  it('test config yaml › loads what it wrote, values unchanged, the Router name kept', () => {
    const sync = { source: { resource: 'lan-dhcpv4' }, targets: [{ host: 'standby', sshOptions: ['-p', '2200', '-o', 'BatchMode=yes'] }], delivery: 'replace' as const };
    const config = loadTestConfig(configYaml([resource('DHCPv4Server', 'lan-dhcpv4', {}), resource('DHCPv4ServerLeaseSync', 's', sync)], { router: 'ha' }));
    expect(config.name).toBe('ha');
    expect(config.resources[1]?.spec).toMatchObject(sync);
  });

  it('test config yaml › an invalid configuration throws the loader ConfigError with its errors', () => {
    expect(() => loadTestConfig([resource('Interface', 'lan', { ifname: 'eth 1' })])).toThrow(ConfigError);
    expect(() => loadTestConfig(resourceYaml('Interface', 'lan', '{ ifname: "eth 1" }'))).toThrow(/^invalid configuration \(1 error\):\ntest\.yaml:4:/);
  });
});
