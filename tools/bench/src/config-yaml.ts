// The bench's router configuration: one VIP, one DHCPv4 server, one lease sync to N standbys.
import { BenchOptionError } from './errors.js';

/** The original's rsync: plain -a with the quick check (size and whole-second mtime), no --checksum. */
export const ORIGINAL_RSYNC_OPTIONS = ['--no-checksum', '--times', '--perms', '--owner', '--group'];

export const VIP = '192.0.2.1/32';
export const VIP_NAME = 'lan-vip';
export const SYNC_NAME = 'lan-v4-leases';
export const DHCP_NAME = 'lan-dhcpv4';

export interface BenchTarget {
  host: string;
  user: string;
  sshOptions: readonly string[];
}

export interface BenchConfigInput {
  targets: readonly BenchTarget[];
  /** The sync's `command` (the counting rsync wrapper). */
  command: string;
  /** The kernel interface that carries the VIP. */
  ifname: string;
  interval?: string;
  /** The DHCP server's leaseFile override (the baselines ship a file of their own). */
  leaseFile?: string;
  /** Extra rsync options of every target. */
  rsyncOptions?: readonly string[];
}

export function benchConfigYaml(input: BenchConfigInput): string {
  if (input.targets.length === 0) throw new BenchOptionError('Expected at least one standby target, got none');
  const targets = input.targets
    .map(
      (t, i) => `
          - name: standby-${i}
            host: ${t.host}
            user: ${t.user}
            sshOptions: [${t.sshOptions.map((o) => JSON.stringify(o)).join(', ')}]${input.rsyncOptions ? `
            options: [${input.rsyncOptions.map((o) => JSON.stringify(o)).join(', ')}]` : ''}`,
    )
    .join('');
  return `# Written by the routerd bench; VIP and addresses from the documentation ranges.
- apiVersion: net.routerd.net/v1alpha1
  kind: Interface
  metadata: { name: lan }
  spec: { ifname: ${input.ifname} }
- apiVersion: net.routerd.net/v1alpha1
  kind: VirtualAddress
  metadata: { name: ${VIP_NAME} }
  spec: { interface: lan, family: ipv4, address: ${VIP} }
- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv4Server
  metadata: { name: ${DHCP_NAME} }
  spec: { interface: lan, addressPool: { start: 192.0.2.100, end: 192.0.2.199 }${input.leaseFile ? `, leaseFile: ${JSON.stringify(input.leaseFile)}` : ''} }
- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv4ServerLeaseSync
  metadata: { name: ${SYNC_NAME} }
  spec:
    source: { resource: DHCPv4Server/${DHCP_NAME} }
    interval: ${input.interval ?? '30s'}
    command: ${input.command}
    targets:${targets}
    when:
      state:
        VirtualAddress/${VIP_NAME}.role: { equals: master }
`;
}
