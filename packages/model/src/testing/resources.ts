// Typed test resources: each kind's spec as its schema accepts it, defaults left out.
import type { z } from 'zod';
import type { KIND_SCHEMAS, Kind } from '../resources/kinds.js';
import type { TestResource } from './config-yaml.js';

export type SpecInput<K extends Kind> = z.input<(typeof KIND_SCHEMAS)[K]>['spec'];

export function resource<K extends Kind>(kind: K, name: string, spec: SpecInput<K>): TestResource {
  return { kind, name, spec };
}

/** The DHCPv4 pool of the documentation LAN 192.0.2.0/24. */
export const LAN_V4_POOL = { start: '192.0.2.100', end: '192.0.2.199' } as const;

/** A sync's when gate: push only while this node holds the VIP. */
export function masterGate(vip = 'lan-vip'): { state: Record<string, { equals: string }> } {
  return { state: { [`VirtualAddress/${vip}.role`]: { equals: 'master' } } };
}

export interface LanOptions {
  /** Interface/lan's kernel name; default eth1. */
  ifname?: string;
  /** VirtualAddress/lan-vip's address (ipv4); default 192.0.2.1. */
  vip?: string;
  /** DHCPv4Server/lan-dhcpv4's spec; default {}. */
  dhcpv4?: SpecInput<'DHCPv4Server'>;
  /** Adds DHCPv6Server/lan-dhcpv6 with this spec. */
  dhcpv6?: SpecInput<'DHCPv6Server'>;
}

/** Interface/lan, VirtualAddress/lan-vip on it, DHCPv4Server/lan-dhcpv4, and DHCPv6Server/lan-dhcpv6 when asked. */
export function lanResources(options: LanOptions = {}): TestResource[] {
  const resources = [
    resource('Interface', 'lan', { ifname: options.ifname ?? 'eth1' }),
    resource('VirtualAddress', 'lan-vip', { interface: 'lan', family: 'ipv4', address: options.vip ?? '192.0.2.1' }),
    resource('DHCPv4Server', 'lan-dhcpv4', options.dhcpv4 ?? {}),
  ];
  if (options.dhcpv6 !== undefined) resources.push(resource('DHCPv6Server', 'lan-dhcpv6', options.dhcpv6));
  return resources;
}
