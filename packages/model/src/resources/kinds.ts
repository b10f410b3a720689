// The kinds this product understands; every other kind of the wider routerd API is refused.
import type { z } from 'zod';
import { interfaceSchema, type InterfaceResource } from './interface.js';
import { virtualAddressSchema, type VirtualAddressResource } from './virtual-address.js';
import {
  dhcpv4ServerSchema,
  dhcpv6PrefixDelegationSchema,
  dhcpv6ServerSchema,
  type DHCPv4ServerResource,
  type DHCPv6PrefixDelegationResource,
  type DHCPv6ServerResource,
} from './dhcp-servers.js';
import {
  dhcpv4ServerLeaseSyncSchema,
  dhcpv6PrefixDelegationLeaseSyncSchema,
  dhcpv6ServerLeaseSyncSchema,
  type LeaseSyncResource,
} from './lease-sync.js';
import { dhcpServerPromotionSchema, type DHCPServerPromotionResource } from './dhcp-promotion.js';

export const KIND_SCHEMAS = {
  Interface: interfaceSchema,
  VirtualAddress: virtualAddressSchema,
  DHCPv4Server: dhcpv4ServerSchema,
  DHCPv6Server: dhcpv6ServerSchema,
  DHCPv6PrefixDelegation: dhcpv6PrefixDelegationSchema,
  DHCPv4ServerLeaseSync: dhcpv4ServerLeaseSyncSchema,
  DHCPv6ServerLeaseSync: dhcpv6ServerLeaseSyncSchema,
  DHCPv6PrefixDelegationLeaseSync: dhcpv6PrefixDelegationLeaseSyncSchema,
  DHCPServerPromotion: dhcpServerPromotionSchema,
} as const satisfies Record<string, z.ZodType>;

export type Kind = keyof typeof KIND_SCHEMAS;
export const KINDS = Object.keys(KIND_SCHEMAS) as Kind[];

export function isKind(kind: unknown): kind is Kind {
  return typeof kind === 'string' && Object.hasOwn(KIND_SCHEMAS, kind);
}

export type Resource =
  | InterfaceResource
  | VirtualAddressResource
  | DHCPv4ServerResource
  | DHCPv6ServerResource
  | DHCPv6PrefixDelegationResource
  | LeaseSyncResource
  | DHCPServerPromotionResource;

/** "apiVersion/kind/name", the id the reference uses in messages. */
export function resourceId(resource: { apiVersion: string; kind: string; metadata: { name: string } }): string {
  return `${resource.apiVersion}/${resource.kind}/${resource.metadata.name}`;
}
