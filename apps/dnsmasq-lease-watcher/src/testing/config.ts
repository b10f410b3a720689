// Test configurations: a bare resource list in YAML, validated by the model's loader.
import { loadConfig, requireConfig, type RouterConfig } from '@routerd/model';

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

const sync = (kind: string, name: string, source: string) => `
- apiVersion: net.routerd.net/v1alpha1
  kind: ${kind}
  metadata: { name: ${name} }
  spec:
    source: { resource: ${source} }
    targets: [{ host: standby.example }]`;

/** The configuration as YAML text, for tests that write it to a file. */
export function testConfigText(options: TestConfigOptions = {}): string {
  const leaseFile = options.leaseFile === undefined ? '' : `, leaseFile: ${options.leaseFile}`;
  const parts = [
    `
- apiVersion: net.routerd.net/v1alpha1
  kind: Interface
  metadata: { name: lan }
  spec: { ifname: eth1 }
- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv4Server
  metadata: { name: lan-dhcpv4 }
  spec: { interface: lan, addressPool: { start: 192.0.2.100, end: 192.0.2.199 }${leaseFile} }
- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv6Server
  metadata: { name: lan-dhcpv6 }
  spec: { interface: lan, mode: stateful, addressPool: { start: '2001:db8:30::100', end: '2001:db8:30::1ff' }${leaseFile} }`,
  ];
  if (options.v4 ?? true) parts.push(sync('DHCPv4ServerLeaseSync', 'lan-v4-leases', 'DHCPv4Server/lan-dhcpv4'));
  if (options.v6 === true) parts.push(sync('DHCPv6ServerLeaseSync', 'lan-v6-leases', 'lan-dhcpv6'));
  if (options.pd !== undefined) {
    parts.push(`
- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv6PrefixDelegation
  metadata: { name: ${options.pd} }
  spec: { interface: lan, prefixLength: 56 }`);
    parts.push(sync('DHCPv6PrefixDelegationLeaseSync', `${options.pd}-lease`, `DHCPv6PrefixDelegation/${options.pd}`));
  }
  return `${parts.join('\n')}\n`;
}

export function testConfig(options: TestConfigOptions = {}): RouterConfig {
  return requireConfig(loadConfig([{ file: 'test.yaml', text: testConfigText(options) }]));
}
