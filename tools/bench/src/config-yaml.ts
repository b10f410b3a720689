// The bench's router configuration: one VIP, one DHCPv4 server, one lease sync to N standbys.
import { configYaml, haLanResources } from '@routerd/model/testing';
import { BenchOptionError } from './errors.js';

export const VIP = '192.0.2.1/32';
export const VIP_NAME = 'lan-vip';

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
}

export function benchConfigYaml(input: BenchConfigInput): string {
  if (input.targets.length === 0) throw new BenchOptionError('Expected at least one standby target, got none');
  const resources = haLanResources({
    ifname: input.ifname,
    vip: VIP,
    targets: input.targets,
    interval: input.interval ?? '30s',
    command: input.command,
    ...(input.leaseFile === undefined ? {} : { leaseFile: input.leaseFile }),
  });
  return `# Written by the routerd bench; VIP and addresses from the documentation ranges.\n${configYaml(resources)}`;
}
