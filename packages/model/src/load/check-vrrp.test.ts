import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';
import { resourceYaml } from '../testing/index.js';

const IFACES = resourceYaml('Interface', 'lan', '{ ifname: eth1 }') + resourceYaml('Interface', 'wan', '{ ifname: eth0 }');
const vip = (name: string, iface: string, family: string, address: string, id: number) =>
  resourceYaml('VirtualAddress', name, `{ interface: ${iface}, family: ${family}, address: "${address}", mode: vrrp, vrrp: { virtualRouterID: ${id}, peers: [192.0.2.3] } }`);

function errors(text: string): string[] {
  return loadConfig([{ file: 'router.yaml', text }]).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('vrrp ids', () => {
  it('vrrp ids › two VRRP addresses of one family on one interface may not share an id', () => {
    const text = IFACES + vip('lan-vip', 'lan', 'ipv4', '192.0.2.1', 51) + vip('lan-vip2', 'lan', 'ipv4', '192.0.2.2', 51);
    expect(errors(text)).toEqual([
      'router.yaml:16:100: net.routerd.net/v1alpha1/VirtualAddress/lan-vip2 spec.vrrp.virtualRouterID: expected a virtualRouterID unused by other ipv4 VRRP addresses on interface "lan", found 51, already used by VirtualAddress/lan-vip (router.yaml:12:100)',
    ]);
  });

  it('vrrp ids › the same id is fine across families, interfaces and static addresses', () => {
    const text =
      IFACES +
      vip('a', 'lan', 'ipv4', '192.0.2.1', 51) +
      vip('b', 'lan', 'ipv6', '2001:db8::1', 51) +
      vip('c', 'wan', 'ipv4', '198.51.100.1', 51) +
      resourceYaml('VirtualAddress', 'd', '{ interface: lan, family: ipv4, address: 192.0.2.9 }');
    expect(errors(text)).toEqual([]);
  });
});
