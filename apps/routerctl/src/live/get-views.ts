// What `get` lists, per kind: how to ask the agent for its list, which status subjects carry the
// changes (for --watch), which bus events are its items, and the table to draw.
import { promotionWildcard, syncWildcard, vipWildcard, type BusEvent, type PromotionStatus, type SyncKind, type SyncStatus, type VipRoleEvent } from '@routerd/bus';
import { formatSyncTable, formatVipTable } from '../output/get-table.js';
import { formatPromotionTable } from '../output/promotion-table.js';
import { fetchPromotions, fetchRoles, fetchSyncs } from './agents.js';
import type { LiveConnection } from './deps.js';
import { allSyncKinds, type LiveKind } from './kinds.js';

export interface Listed {
  observedAt: string;
}

export interface GetView<T extends Listed> {
  /** The agent's current list. */
  fetch(nc: LiveConnection, query: { node: string; timeoutMs: number }): Promise<T[]>;
  /** The subjects the agent publishes each change and heartbeat of an item on. */
  subject(node: string): string;
  /** The item a bus event is, when it is one this view lists. */
  pick(event: BusEvent): T | undefined;
  key(item: T): string;
  table(items: readonly T[], now: number, wide: boolean): string;
}

export const vipView: GetView<VipRoleEvent> = {
  fetch: (nc, query) => fetchRoles(nc, query),
  subject: (node) => vipWildcard(node),
  pick: (event) => (event.type === 'vip.role' ? event : undefined),
  key: (item) => item.name,
  table: formatVipTable,
};

export const promotionView: GetView<PromotionStatus> = {
  fetch: (nc, query) => fetchPromotions(nc, query),
  subject: (node) => promotionWildcard(node),
  pick: (event) => (event.type === 'promotion.status' ? event : undefined),
  key: (item) => item.name,
  table: formatPromotionTable,
};

/** The lease syncs of `kinds` (every sync kind for "leasesyncs"). */
export function syncView(kinds: readonly SyncKind[]): GetView<SyncStatus> {
  return {
    fetch: async (nc, query) => (await fetchSyncs(nc, query)).filter((s) => kinds.includes(s.kind)),
    subject: (node) => syncWildcard(node),
    pick: (event) => (event.type === 'sync.status' && kinds.includes(event.kind) ? event : undefined),
    key: (item) => `${item.kind}/${item.name}`,
    table: formatSyncTable,
  };
}

/** The view of the kinds a word stands for (one of VirtualAddress, DHCPServerPromotion, or sync kinds). */
export function viewOf(kinds: readonly LiveKind[]): GetView<VipRoleEvent> | GetView<PromotionStatus> | GetView<SyncStatus> {
  if (kinds.includes('VirtualAddress')) return vipView;
  if (kinds.includes('DHCPServerPromotion')) return promotionView;
  return syncView(allSyncKinds(kinds) ? kinds : []);
}
