import { loadTestConfig, masterGate, resource } from '@routerd/model/testing';
import { describe, expect, it } from 'vitest';
import { leaseTargets } from './lease-targets.js';

const dirs = { stateDir: '/srv/state', runtimeDir: '/run/routerd' };
const target = { host: '198.51.100.2' };
const config = () =>
  loadTestConfig([
    resource('Interface', 'lan', { ifname: 'eth1' }),
    resource('VirtualAddress', 'lan-vip', { interface: 'lan', family: 'ipv4', address: '192.0.2.1' }),
    resource('DHCPv4Server', 'v4', { interface: 'lan', addressPool: { start: '192.0.2.100', end: '192.0.2.199' } }),
    resource('DHCPv6Server', 'v6', { interface: 'lan', mode: 'stateful', addressPool: { start: '2001:db8::100', end: '2001:db8::1ff' } }),
    resource('DHCPv6PrefixDelegation', 'wan-pd', { interface: 'lan' }),
    resource('DHCPv4ServerLeaseSync', 'v4-sync', { source: { resource: 'v4' }, targets: [target], when: masterGate() }),
    resource('DHCPv6ServerLeaseSync', 'v6-sync', { source: { resource: 'v6' }, targets: [target], when: masterGate() }),
    resource('DHCPv6PrefixDelegationLeaseSync', 'pd-sync', { source: { resource: 'wan-pd' }, targets: [target], when: masterGate() }),
  ]);

describe('lease receiver › lease paths of the configuration', () => {
  it("lease receiver › every sync's source path; DHCPv4 and DHCPv6 share dnsmasq's file; a PD lease is taken whole", () => {
    const targets = leaseTargets(config(), dirs);
    expect([...targets.values()]).toEqual([
      {
        path: '/srv/state/dnsmasq/dnsmasq.leases',
        sources: [{ kind: 'DHCPv4Server', name: 'v4' }, { kind: 'DHCPv6Server', name: 'v6' }],
        delivery: 'merge',
        whole: false,
        syncs: ['DHCPv4ServerLeaseSync/v4-sync', 'DHCPv6ServerLeaseSync/v6-sync'],
      },
      { path: '/srv/state/dhcpv6-client/wan-pd/lease.json', sources: [{ kind: 'DHCPv6PrefixDelegation', name: 'wan-pd' }], delivery: 'merge', whole: true, syncs: ['DHCPv6PrefixDelegationLeaseSync/pd-sync'] },
    ]);
  });

  it('lease receiver › a shared file is replaced only when every sync of it says replace', () => {
    const c = config();
    const sync = (name: string) => c.resources.find((r) => r.metadata.name === name);
    Object.assign(sync('v4-sync')?.spec ?? {}, { delivery: 'replace' });
    expect(leaseTargets(c, dirs).get('/srv/state/dnsmasq/dnsmasq.leases')?.delivery).toBe('merge');
    Object.assign(sync('v6-sync')?.spec ?? {}, { delivery: 'replace' });
    expect(leaseTargets(c, dirs).get('/srv/state/dnsmasq/dnsmasq.leases')?.delivery).toBe('replace');
  });
});
