import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';
import { resourceYaml } from '../testing/index.js';

const GATE = 'when: { state: { VirtualAddress/lan-vip.role: { equals: master } } }';
const LAN = resourceYaml('Interface', 'lan', '{ ifname: eth1 }');
const VIP = resourceYaml('VirtualAddress', 'lan-vip', '{ interface: lan, family: ipv4, address: 192.0.2.1 }');

function errors(text: string): string[] {
  return loadConfig([{ file: 'router.yaml', text }]).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('references', () => {
  it('references › a valid configuration has none to report', () => {
    const text = LAN + VIP + resourceYaml('DHCPv4Server', 'lan-dhcpv4', '{ interface: lan, addressPool: { start: 192.0.2.100, end: 192.0.2.199 } }') +
      resourceYaml('DHCPv4ServerLeaseSync', 'lan-v4-leases', `{ source: { resource: lan-dhcpv4 }, targets: [{ host: standby }], ${GATE} }`);
    expect(errors(text)).toEqual([]);
  });

  it('references › interface must name a declared Interface', () => {
    const text = LAN + resourceYaml('VirtualAddress', 'lan-vip', '{ interface: lan0, family: ipv4, address: 192.0.2.1 }');
    expect(errors(text)).toEqual([
      'router.yaml:8:22: net.routerd.net/v1alpha1/VirtualAddress/lan-vip spec.interface: expected the name of a declared Interface (lan), found "lan0" (did you mean "lan"?)',
    ]);
  });

  it('references › every kind with an interface field is checked, also with no Interface at all', () => {
    const text =
      resourceYaml('DHCPv4Server', 'a', '{ interface: lan, addressPool: { start: 192.0.2.100, end: 192.0.2.199 } }') +
      resourceYaml('DHCPv6Server', 'b', '{ interface: lan }') +
      resourceYaml('DHCPv6PrefixDelegation', 'c', '{ interface: wan }');
    expect(errors(text).map((e) => e.replace(/^router\.yaml:\d+:\d+: /, ''))).toEqual([
      'net.routerd.net/v1alpha1/DHCPv4Server/a spec.interface: expected the name of a declared Interface (none declared), found "lan"',
      'net.routerd.net/v1alpha1/DHCPv6Server/b spec.interface: expected the name of a declared Interface (none declared), found "lan"',
      'net.routerd.net/v1alpha1/DHCPv6PrefixDelegation/c spec.interface: expected the name of a declared Interface (none declared), found "wan"',
    ]);
  });

  it('references › an interface naming another kind is not an Interface', () => {
    const text = LAN + resourceYaml('VirtualAddress', 'wan', '{ interface: wan, family: ipv4, address: 192.0.2.1 }');
    expect(errors(text)).toEqual([
      'router.yaml:8:22: net.routerd.net/v1alpha1/VirtualAddress/wan spec.interface: expected the name of a declared Interface (lan), found "wan" (did you mean "lan"?)',
    ]);
  });

  it('references › a sync source of the wrong kind names the expected kind', () => {
    const text = LAN + VIP + resourceYaml('DHCPv6Server', 'lan-dhcpv6', '{ interface: lan }') +
      resourceYaml('DHCPv4ServerLeaseSync', 'lan-v4-leases', `{ source: { resource: DHCPv6Server/lan-dhcpv6 }, targets: [{ host: standby }], ${GATE} }`);
    expect(errors(text)).toEqual([
      'router.yaml:16:31: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases spec.source.resource: expected a DHCPv4Server ("DHCPv4Server/<name>" or a bare name; a DHCPv4ServerLeaseSync reads only DHCPv4Server leases), found kind "DHCPv6Server" in "DHCPv6Server/lan-dhcpv6"',
    ]);
  });

  it('references › a misspelt source kind is suggested', () => {
    const text = resourceYaml('DHCPv6PrefixDelegationLeaseSync', 'pd', '{ source: { resource: DHCPv6PrefixDelegaton/wan-pd }, targets: [{ host: standby }], delivery: replace }');
    expect(errors(text)).toEqual([
      'router.yaml:4:31: net.routerd.net/v1alpha1/DHCPv6PrefixDelegationLeaseSync/pd spec.source.resource: expected a DHCPv6PrefixDelegation ("DHCPv6PrefixDelegation/<name>" or a bare name; a DHCPv6PrefixDelegationLeaseSync reads only DHCPv6PrefixDelegation leases), found kind "DHCPv6PrefixDelegaton" in "DHCPv6PrefixDelegaton/wan-pd" (did you mean "DHCPv6PrefixDelegation"?)',
    ]);
  });

  it('references › a sync source must exist, by "Kind/name" or bare name', () => {
    const base = LAN + VIP + resourceYaml('DHCPv4Server', 'lan-dhcpv4', '{}');
    const sync = (ref: string) => resourceYaml('DHCPv4ServerLeaseSync', 's', `{ source: { resource: ${ref} }, targets: [{ host: standby }], ${GATE} }`);
    expect(errors(base + sync('lan-dhcp4'))).toEqual([
      'router.yaml:16:31: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/s spec.source.resource: expected the name of a declared DHCPv4Server (lan-dhcpv4), found "lan-dhcp4" (did you mean "lan-dhcpv4"?)',
    ]);
    expect(errors(base + sync('DHCPv4Server/other'))).toEqual([
      'router.yaml:16:31: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/s spec.source.resource: expected the name of a declared DHCPv4Server (lan-dhcpv4), found "other"',
    ]);
    expect(errors(base + sync('DHCPv4Server/lan-dhcpv4'))).toEqual([]);
  });

  it('references › a reference to a declared but invalid resource is not also reported missing', () => {
    const text = resourceYaml('Interface', 'lan', '{ ifname: eth1, mtu: 1 }') + resourceYaml('DHCPv4Server', 'lan-dhcpv4', '{ interface: lan, addressPool: { start: 192.0.2.1, end: 192.0.2.9 } }');
    expect(errors(text)).toEqual(['router.yaml:4:30: net.routerd.net/v1alpha1/Interface/lan spec.mtu: expected a number at least 576, found 1']);
  });
});
