// The configuration the agents share in the system tests, the syncer's integration test and the bench:
// one LAN, its VIP, one DHCPv4 server and its lease sync to the standbys while the VIP is master here.
import type { SyncDelivery } from '../resources/lease-sync.js';
import type { TestResource } from './config-yaml.js';
import { LAN_V4_POOL, lanResources, masterGate, resource, type SpecInput } from './resources.js';

export interface StandbyTarget {
  name?: string;
  host: string;
  user?: string;
  sshOptions?: readonly string[];
  /** Extra rsync options. */
  options?: readonly string[];
}

export interface HaLanOptions {
  /** The kernel interface of Interface/lan, which carries the VIP. */
  ifname: string;
  /** VirtualAddress/lan-vip's address; default 192.0.2.1/32. */
  vip?: string;
  /** The targets of DHCPv4ServerLeaseSync/lan-v4-leases; unnamed ones are named standby-<index>. */
  targets: readonly StandbyTarget[];
  interval?: string;
  /** The sync's command in place of rsync. */
  command?: string;
  /** DHCPv4Server/lan-dhcpv4's leaseFile. */
  leaseFile?: string;
  /** The sync's delivery; default (left out): merge. */
  delivery?: SyncDelivery;
  /** Adds DHCPServerPromotion/lan-dhcp following lan-vip with these commands. */
  promotion?: Omit<SpecInput<'DHCPServerPromotion'>, 'virtualAddress'>;
}

export function haLanResources(options: HaLanOptions): TestResource[] {
  const targets = options.targets.map((t, i) => ({
    name: t.name ?? `standby-${i}`,
    host: t.host,
    ...(t.user === undefined ? {} : { user: t.user }),
    ...(t.sshOptions === undefined ? {} : { sshOptions: [...t.sshOptions] }),
    ...(t.options === undefined ? {} : { options: [...t.options] }),
  }));
  const dhcpv4 = { interface: 'lan', addressPool: LAN_V4_POOL, ...(options.leaseFile === undefined ? {} : { leaseFile: options.leaseFile }) };
  const resources = [
    ...lanResources({ ifname: options.ifname, vip: options.vip ?? '192.0.2.1/32', dhcpv4 }),
    resource('DHCPv4ServerLeaseSync', 'lan-v4-leases', {
      source: { resource: 'DHCPv4Server/lan-dhcpv4' },
      ...(options.interval === undefined ? {} : { interval: options.interval }),
      ...(options.command === undefined ? {} : { command: options.command }),
      ...(options.delivery === undefined ? {} : { delivery: options.delivery }),
      targets,
      when: masterGate(),
    }),
  ];
  if (options.promotion !== undefined) resources.push(resource('DHCPServerPromotion', 'lan-dhcp', { virtualAddress: 'lan-vip', ...options.promotion }));
  return resources;
}
