import { z } from 'zod';
import { durationSchema } from '../duration.js';
import { envelope, ipv4Schema, ipv6Schema, pathSchema, refSchema } from './common.js';
import { ipv4PoolSchema, ipv6PoolSchema } from './pool.js';

export const dhcpv4ServerSpecSchema = z
  .strictObject({
    interface: refSchema.optional().meta({ description: 'Name of the Interface resource to serve.' }),
    addressPool: ipv4PoolSchema.optional(),
    gateway: ipv4Schema.optional().meta({ description: 'Router option handed to clients.' }),
    dnsServers: z.array(ipv4Schema).optional(),
    leaseFile: pathSchema.optional().meta({ description: 'Overrides the derived dnsmasq lease file; must agree across DHCP servers.' }),
    leaseTime: durationSchema.default('12h'),
  })
  .superRefine((spec, ctx) => {
    if (spec.interface !== undefined && spec.addressPool === undefined) {
      ctx.addIssue({ code: 'custom', path: ['addressPool'], message: 'is required when interface is set' });
    }
  });

export const dhcpv4ServerSchema = envelope('DHCPv4Server', dhcpv4ServerSpecSchema, 'DHCPv4 service (dnsmasq).');
export type DHCPv4ServerResource = z.infer<typeof dhcpv4ServerSchema>;

export const DHCPV6_MODES = ['stateless', 'stateful', 'both', 'ra-only'] as const;

export const dhcpv6ServerSpecSchema = z
  .strictObject({
    interface: refSchema.optional().meta({ description: 'Name of the Interface resource to serve.' }),
    mode: z.enum(DHCPV6_MODES).default('stateless'),
    addressPool: ipv6PoolSchema.optional(),
    dnsSource: z.enum(['self', 'static', 'none']).optional(),
    dnsServers: z.array(ipv6Schema).optional(),
    leaseFile: pathSchema.optional().meta({ description: 'Overrides the derived dnsmasq lease file; must agree across DHCP servers.' }),
    leaseTime: durationSchema.default('12h'),
  })
  .superRefine((spec, ctx) => {
    // Ours: ra-only hands out no addresses, so it needs no pool either.
    if ((spec.mode === 'stateful' || spec.mode === 'both') && spec.addressPool === undefined) {
      ctx.addIssue({ code: 'custom', path: ['addressPool'], message: `is required when mode is ${spec.mode}` });
    }
  });

export const dhcpv6ServerSchema = envelope('DHCPv6Server', dhcpv6ServerSpecSchema, 'DHCPv6 service (dnsmasq), stateless or stateful.');
export type DHCPv6ServerResource = z.infer<typeof dhcpv6ServerSchema>;

export const dhcpv6PrefixDelegationSpecSchema = z.strictObject({
  interface: refSchema.meta({ description: 'Name of the Interface resource (WAN) the prefix is requested on.' }),
  client: z.string().min(1).optional().meta({ description: 'DHCPv6 client implementation.' }),
  prefixLength: z.int().min(1).max(128).optional(),
  clientDUID: z
    .string()
    .regex(/^([0-9a-fA-F]{2})+$/, 'expected hex bytes without separators, e.g. "000100012f3c4d5e020000000001"')
    .optional()
    .meta({ description: 'Client DUID; both nodes must use the same one for a synced lease to help.' }),
});

export const dhcpv6PrefixDelegationSchema = envelope(
  'DHCPv6PrefixDelegation',
  dhcpv6PrefixDelegationSpecSchema,
  'Prefix delegation requested from the upstream router.',
);
export type DHCPv6PrefixDelegationResource = z.infer<typeof dhcpv6PrefixDelegationSchema>;
