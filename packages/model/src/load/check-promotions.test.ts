import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';
import { configYaml, lanResources, resourceYaml } from '../testing/index.js';

const GATE = 'when: { state: { VirtualAddress/lan-vip.role: { equals: master } } }';
const BASE = configYaml(lanResources({ dhcpv6: {} }));
const promotion = (name: string, extra = '', vip = 'lan-vip') =>
  resourceYaml('DHCPServerPromotion', name, `{ virtualAddress: ${vip}, start: [systemctl, restart, dnsmasq-routerd.service], stop: [systemctl, stop, dnsmasq-routerd.service]${extra}, check: [systemctl, is-active, dnsmasq-routerd.service] }`);
const v4sync = (gate = GATE) => resourceYaml('DHCPv4ServerLeaseSync', 'v4', `{ source: { resource: lan-dhcpv4 }, targets: [{ host: standby }], ${gate} }`);
const ID = 'net.routerd.net/v1alpha1/DHCPServerPromotion';

function load(text: string): string[] {
  return loadConfig([{ file: 'router.yaml', text }]).diagnostics.map(formatDiagnostic);
}

describe('promotion rules', () => {
  it('promotion rules › a promotion of every server, following the gating VIP, has nothing to report', () => {
    expect(load(BASE + promotion('lan-dhcp') + v4sync())).toEqual([]);
    expect(load(BASE + promotion('lan-dhcp', ', servers: [DHCPv4Server/lan-dhcpv4, DHCPv6Server/lan-dhcpv6]') + v4sync())).toEqual([]);
  });

  it('promotion rules › virtualAddress must name a declared VirtualAddress', () => {
    expect(load(BASE + promotion('lan-dhcp', '', 'lan-vp'))).toEqual([
      `router.yaml:20:27: ${ID}/lan-dhcp spec.virtualAddress: expected the name of a declared VirtualAddress (lan-vip), found "lan-vp" (did you mean "lan-vip"?)`,
    ]);
  });

  it('promotion rules › servers must be declared DHCPv4Server or DHCPv6Server resources', () => {
    const servers = ', servers: [DHCPv4Server/lan-dhcpv6, DHCPv4Sever/lan-dhcpv4, Interface/lan, DHCPv6Server/lan-dhcpv6, DHCPv6Server/lan-dhcpv6]';
    expect(load(BASE + promotion('lan-dhcp', servers)).map((d) => d.replace(/^router\.yaml:\d+:\d+: /, ''))).toEqual([
      `${ID}/lan-dhcp spec.servers[0]: expected the name of a declared DHCPv4Server (lan-dhcpv4), found "lan-dhcpv6" (did you mean "lan-dhcpv4"?)`,
      `${ID}/lan-dhcp spec.servers[1]: expected a DHCPv4Server or DHCPv6Server ("Kind/name"; one dnsmasq serves both), found kind "DHCPv4Sever" in "DHCPv4Sever/lan-dhcpv4" (did you mean "DHCPv4Server"?)`,
      `${ID}/lan-dhcp spec.servers[2]: expected a DHCPv4Server or DHCPv6Server ("Kind/name"; one dnsmasq serves both), found kind "Interface" in "Interface/lan"`,
      `${ID}/lan-dhcp spec.servers[4]: expected each server once, found DHCPv6Server/lan-dhcpv6 listed twice`,
    ]);
  });

  it('promotion rules › a promotion of every server needs at least one server', () => {
    const text = resourceYaml('Interface', 'lan', '{ ifname: eth1 }') + resourceYaml('VirtualAddress', 'lan-vip', '{ interface: lan, family: ipv4, address: 192.0.2.1 }') + promotion('lan-dhcp');
    expect(load(text)).toEqual([
      `router.yaml:12:3: ${ID}/lan-dhcp spec: expected at least one DHCPv4Server or DHCPv6Server to promote (servers defaults to all of them), found none declared`,
    ]);
  });

  it('promotion rules › at most one promotion per server, naming the other one and where it is', () => {
    expect(load(BASE + promotion('a') + promotion('b', ', servers: [DHCPv6Server/lan-dhcpv6]'))).toEqual([
      `router.yaml:24:150: ${ID}/b spec.servers[0]: expected at most one DHCPServerPromotion per DHCP server, found DHCPv6Server/lan-dhcpv6 also promoted by DHCPServerPromotion/a (router.yaml:19:21): two would start and stop the same dnsmasq`,
    ]);
    expect(load(BASE + promotion('a', ', servers: [DHCPv4Server/lan-dhcpv4]') + promotion('b', ', servers: [DHCPv6Server/lan-dhcpv6]'))).toEqual([]);
  });

  it('promotion rules › a VIP that gates a DHCP lease sync without a promotion is warned about once', () => {
    const v6 = resourceYaml('DHCPv6ServerLeaseSync', 'v6', `{ source: { resource: lan-dhcpv6 }, targets: [{ host: other }], ${GATE} }`);
    expect(load(BASE + v4sync() + v6)).toEqual([
      'router.yaml:20:92: warning: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/v4 spec.when.state["VirtualAddress/lan-vip.role"]: expected a DHCPServerPromotion with virtualAddress: lan-vip, found none: VirtualAddress/lan-vip gates this sync, but after a failover the new master\'s DHCP server will not restart from the synced file',
    ]);
    // A promotion following another VIP does not count; a PD lease sync needs none.
    const other = resourceYaml('VirtualAddress', 'wan-vip', '{ interface: lan, family: ipv4, address: 198.51.100.1 }');
    expect(load(BASE + other + promotion('p', '', 'wan-vip') + v4sync()).filter((d) => d.includes('warning:'))).toHaveLength(1);
    const pd = resourceYaml('DHCPv6PrefixDelegation', 'wan-pd', '{ interface: lan }') +
      resourceYaml('DHCPv6PrefixDelegationLeaseSync', 'pd', `{ source: { resource: wan-pd }, targets: [{ host: standby }], ${GATE} }`);
    expect(load(BASE + pd)).toEqual([]);
    // A gate on an undeclared VIP is an error already; no warning on top.
    const dangling = v4sync('when: { state: { VirtualAddress/gone.role: { equals: master } } }');
    expect(load(BASE + dangling).filter((d) => d.includes('warning:'))).toEqual([]);
  });

  it('promotion rules › a gate on a server phase no promotion publishes is warned about', () => {
    const gate = 'when: { all: [{ state: { VirtualAddress/lan-vip.role: { equals: master } } }, { state: { DHCPv6Server/lan-dhcpv6.phase: { equals: Serving } } }] }';
    expect(load(BASE + promotion('p', ', servers: [DHCPv4Server/lan-dhcpv4]') + v4sync(gate))).toEqual([
      'router.yaml:24:164: warning: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/v4 spec.when.all[1].state["DHCPv6Server/lan-dhcpv6.phase"]: expected a DHCPServerPromotion serving DHCPv6Server/lan-dhcpv6, found none: nothing publishes its phase, so this condition is never true',
    ]);
    expect(load(BASE + promotion('p') + v4sync(gate))).toEqual([]);
  });
});
