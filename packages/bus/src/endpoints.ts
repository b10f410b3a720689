// The four agents' endpoints. Each answers `{ type, node, items }`; see endpoint.ts for the rules.
import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { SOURCE_KINDS, SYNC_KINDS_LIST } from './kinds.js';
import { resourceNameSchema } from './schemas/common.js';
import { leaseFileEventSchema } from './schemas/lease-file-event.js';
import { promotionStatusSchema } from './schemas/promotion-status.js';
import { syncStatusSchema } from './schemas/sync-status.js';
import { vipRoleEventSchema } from './schemas/vip-role-event.js';

const name = resourceNameSchema.optional();

/** `routerd.<node>.syncer.status`: the status of one or all lease syncs. */
export const syncerStatusEndpoint = defineEndpoint({
  area: 'syncer',
  name: 'status',
  serviceDescription: 'Pushes lease files to the standby while the when gate holds.',
  description: 'The SyncStatus of every lease sync, or of those {"kind"?, "name"?} names.',
  request: z.strictObject({ kind: z.enum(SYNC_KINDS_LIST).optional(), name }),
  item: syncStatusSchema,
  noun: 'lease sync',
  key: (status) => ({ kind: status.kind, name: status.name }),
});

/** `routerd.<node>.vip-watcher.roles`: the last role event of one or all VirtualAddresses. */
export const vipWatcherRolesEndpoint = defineEndpoint({
  area: 'vip-watcher',
  name: 'roles',
  serviceDescription: 'The observed role of each VirtualAddress on this node.',
  description: 'The last VipRoleEvent of every VirtualAddress, or of the one {"name"} names.',
  request: z.strictObject({ name }),
  item: vipRoleEventSchema,
  noun: 'VirtualAddress',
  key: (event) => ({ name: event.name }),
});

/** `routerd.<node>.lease-watcher.files`: the last event of one or all watched lease sources. */
export const leaseWatcherFilesEndpoint = defineEndpoint({
  area: 'lease-watcher',
  name: 'files',
  serviceDescription: 'The state of the lease files the lease syncs read.',
  description: 'The last LeaseFileEvent of every watched source, or of those {"kind"?, "name"?} names.',
  request: z.strictObject({ kind: z.enum(SOURCE_KINDS).optional(), name }),
  item: leaseFileEventSchema,
  noun: 'lease source',
  key: (event) => ({ kind: event.kind, name: event.name }),
});

/** `routerd.<node>.dhcp-promoter.status`: the status of one or all DHCPServerPromotions. */
export const dhcpPromoterStatusEndpoint = defineEndpoint({
  area: 'dhcp-promoter',
  name: 'status',
  serviceDescription: "What each DHCPServerPromotion did to this node's DHCP server.",
  description: 'The PromotionStatus of every DHCPServerPromotion, or of the one {"name"} names.',
  request: z.strictObject({ name }),
  item: promotionStatusSchema,
  noun: 'DHCPServerPromotion',
  key: (status) => ({ name: status.name }),
});

/** Every agent's endpoint, one service each (`nats micro ls`). */
export const ENDPOINTS = [syncerStatusEndpoint, vipWatcherRolesEndpoint, leaseWatcherFilesEndpoint, dhcpPromoterStatusEndpoint] as const;
