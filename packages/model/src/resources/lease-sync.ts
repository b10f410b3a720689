import { z } from 'zod';
import { durationSchema } from '../duration.js';
import { argumentSchema, hostSchema, userSchema } from '../security.js';
import { whenSchema } from '../when/schema.js';
import { envelope } from './common.js';

export const DEFAULT_SYNC_INTERVAL = '30s';

/**
 * What the receiver on the target does with a push: `merge` it into its live lease file by the three-way
 * merge (leases the target granted itself survive), or `replace` the file with it (the original behaviour).
 */
export const SYNC_DELIVERIES = ['merge', 'replace'] as const;
export type SyncDelivery = (typeof SYNC_DELIVERIES)[number];
export const DEFAULT_SYNC_DELIVERY: SyncDelivery = 'merge';

export const syncTargetSchema = z.strictObject({
  name: z.string().min(1).optional().meta({ description: 'Label echoed in status; defaults to the host.' }),
  host: hostSchema,
  user: userSchema.optional(),
  sshOptions: z.array(argumentSchema).optional().meta({ description: 'Extra ssh arguments; a key set here replaces the default for it.' }),
  options: z.array(argumentSchema).optional().meta({ description: 'Extra rsync arguments; --timeout here replaces the default.' }),
});
export type SyncTarget = z.infer<typeof syncTargetSchema>;

export const leaseSyncSpecSchema = z.strictObject({
  source: z.strictObject({
    resource: z
      .string()
      .min(1)
      .meta({ description: '"Kind/name" or a bare name of the DHCP resource whose lease file is pushed.' }),
  }),
  interval: durationSchema.default(DEFAULT_SYNC_INTERVAL).meta({ description: 'Periodic re-sync; a lease change syncs at once.' }),
  command: z
    .string()
    .regex(/^[^\s\0]+$/, 'expected a program name or path without whitespace')
    .default('rsync'),
  targets: z.array(syncTargetSchema).min(1, 'expected at least one target'),
  when: whenSchema.optional(),
  delivery: z
    .enum(SYNC_DELIVERIES)
    .default(DEFAULT_SYNC_DELIVERY)
    .meta({
      description:
        "merge (default): the target's receiver merges each push into its live file, keeping the leases it granted itself, and refuses it while it serves DHCP; replace: the push overwrites the target's file (the original behaviour, no handback on demotion).",
    }),
});
export type LeaseSyncSpec = z.infer<typeof leaseSyncSpecSchema>;

/** Each sync kind and the one source kind it may read. */
export const SYNC_SOURCE_KIND = {
  DHCPv4ServerLeaseSync: 'DHCPv4Server',
  DHCPv6ServerLeaseSync: 'DHCPv6Server',
  DHCPv6PrefixDelegationLeaseSync: 'DHCPv6PrefixDelegation',
} as const;
export type SyncKind = keyof typeof SYNC_SOURCE_KIND;
export const SYNC_KINDS = Object.keys(SYNC_SOURCE_KIND) as SyncKind[];

export const dhcpv4ServerLeaseSyncSchema = envelope('DHCPv4ServerLeaseSync', leaseSyncSpecSchema, 'Pushes the DHCPv4 lease file to standby nodes.');
export const dhcpv6ServerLeaseSyncSchema = envelope('DHCPv6ServerLeaseSync', leaseSyncSpecSchema, 'Pushes the DHCPv6 lease file to standby nodes.');
export const dhcpv6PrefixDelegationLeaseSyncSchema = envelope(
  'DHCPv6PrefixDelegationLeaseSync',
  leaseSyncSpecSchema,
  'Pushes the prefix-delegation client lease to standby nodes.',
);
export type LeaseSyncResource =
  | z.infer<typeof dhcpv4ServerLeaseSyncSchema>
  | z.infer<typeof dhcpv6ServerLeaseSyncSchema>
  | z.infer<typeof dhcpv6PrefixDelegationLeaseSyncSchema>;

export interface SourceRef {
  kind: string;
  name: string;
}

/** The resource a sync reads: "Kind/name", or a bare name whose kind the sync kind implies. */
export function parseSourceRef(syncKind: SyncKind, resource: string): SourceRef {
  const slash = resource.indexOf('/');
  if (slash === -1) return { kind: SYNC_SOURCE_KIND[syncKind], name: resource };
  return { kind: resource.slice(0, slash), name: resource.slice(slash + 1) };
}
