// Test configurations: the LAN's DHCP servers and the lease syncs this agent watches, from the model's builder.
import type { RouterConfig } from '@routerd/model';
import type { WatchedFile } from '../watched-files.js';
import { configYaml, LAN_V4_POOL, loadTestConfig, resource, type TestResource } from '@routerd/model/testing';

export interface TestConfigOptions {
  /** Sync the DHCPv4Server (default true). */
  v4?: boolean;
  /** Sync the DHCPv6Server too. */
  v6?: boolean;
  /** Sync the PD client lease of DHCPv6PrefixDelegation/<pd>. */
  pd?: string;
  /** leaseFile override on the DHCP servers. */
  leaseFile?: string;
}

const targets = [{ host: 'standby.example' }];
// No VIP here to gate on: a sync without `when` must replace (validate refuses a merge without a gate).
const delivery = 'replace';

function resources(options: TestConfigOptions): TestResource[] {
  const leaseFile = options.leaseFile === undefined ? {} : { leaseFile: options.leaseFile };
  const list = [
    resource('Interface', 'lan', { ifname: 'eth1' }),
    resource('DHCPv4Server', 'lan-dhcpv4', { interface: 'lan', addressPool: LAN_V4_POOL, ...leaseFile }),
    resource('DHCPv6Server', 'lan-dhcpv6', { interface: 'lan', mode: 'stateful', addressPool: { start: '2001:db8:30::100', end: '2001:db8:30::1ff' }, ...leaseFile }),
  ];
  if (options.v4 ?? true) list.push(resource('DHCPv4ServerLeaseSync', 'lan-v4-leases', { source: { resource: 'DHCPv4Server/lan-dhcpv4' }, targets, delivery }));
  if (options.v6 === true) list.push(resource('DHCPv6ServerLeaseSync', 'lan-v6-leases', { source: { resource: 'lan-dhcpv6' }, targets, delivery }));
  if (options.pd !== undefined) {
    list.push(resource('DHCPv6PrefixDelegation', options.pd, { interface: 'lan', prefixLength: 56 }));
    list.push(resource('DHCPv6PrefixDelegationLeaseSync', `${options.pd}-lease`, { source: { resource: `DHCPv6PrefixDelegation/${options.pd}` }, targets, delivery }));
  }
  return list;
}

/** The configuration as YAML text, for tests that write it to a file. */
export function testConfigText(options: TestConfigOptions = {}): string {
  return configYaml(resources(options));
}

export function testConfig(options: TestConfigOptions = {}): RouterConfig {
  return loadTestConfig(resources(options));
}

/** The one dnsmasq file that testConfig({ v6: true }) watches under the state dir /srv/state: both DHCP servers write it. */
export const SHARED_DNSMASQ_FILE: WatchedFile = {
  path: '/srv/state/dnsmasq/dnsmasq.leases',
  dir: '/srv/state/dnsmasq',
  fileName: 'dnsmasq.leases',
  format: 'dnsmasq',
  sources: [
    { kind: 'DHCPv4Server', name: 'lan-dhcpv4' },
    { kind: 'DHCPv6Server', name: 'lan-dhcpv6' },
  ],
};
