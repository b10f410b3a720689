import { z } from 'zod';
import { envelope, refSchema } from './common.js';
import { ADDRESS_FAMILIES, checkVipAddress } from './vip-address.js';

export const vrrpSchema = z.strictObject({
  virtualRouterID: z.int().min(1).max(255).meta({ description: 'VRRP virtual router id (1-255), shared by both nodes.' }),
  priority: z.int().min(0).max(254).optional().meta({ description: 'VRRP priority 1-254; 0 or unset means 100.' }),
  preempt: z.boolean().optional().meta({ description: 'Take the VIP back from a lower priority master (keepalived nopreempt when false).' }),
  peers: z
    .array(z.string().min(1))
    .min(1, 'expected at least one unicast peer (required on Linux)')
    .meta({ description: 'Unicast VRRP peers: the other nodes, by IP or host name.' }),
});

export const virtualAddressSpecSchema = z
  .strictObject({
    interface: refSchema.meta({ description: 'Name of the Interface resource that carries the address.' }),
    family: z.enum(ADDRESS_FAMILIES),
    address: z.string().meta({ description: 'The virtual address, a /32 (IPv4) or /128 (IPv6); the prefix may be omitted.' }),
    mode: z.enum(['static', 'vrrp']).default('static'),
    vrrp: vrrpSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    checkVipAddress(spec, ctx);
    if (spec.mode === 'vrrp' && spec.vrrp === undefined) {
      ctx.addIssue({ code: 'custom', path: ['vrrp'], message: 'is required when mode is vrrp (virtualRouterID and peers)' });
    }
  });

export const virtualAddressSchema = envelope('VirtualAddress', virtualAddressSpecSchema, 'A service address that moves between nodes (VRRP via keepalived).');
export type VirtualAddressResource = z.infer<typeof virtualAddressSchema>;

/** Status fields a `when` key may read from a VirtualAddress. */
export const VIRTUAL_ADDRESS_STATUS_FIELDS = ['phase', 'address', 'ifname', 'role', 'hostname', 'virtualRouterID', 'priority'] as const;
export const VIRTUAL_ADDRESS_ROLES = ['master', 'backup', 'inactive', 'unknown'] as const;
export type VirtualAddressRole = (typeof VIRTUAL_ADDRESS_ROLES)[number];

/** The address without its prefix length. */
export function vipAddress(address: string): string {
  return address.split('/')[0] as string;
}
