// The agents' endpoints as routerctl asks them: the contracts of @routerd/bus, 404 as "not found".
import {
  dhcpPromoterStatusEndpoint,
  syncerStatusEndpoint,
  vipWatcherRolesEndpoint,
  type PromotionStatus,
  type SyncKind,
  type SyncStatus,
  type VipRoleEvent,
} from '@routerd/bus';
import type { LiveConnection } from './deps.js';
import { ask } from './request.js';

export interface SyncQuery {
  node: string;
  timeoutMs: number;
  kind?: SyncKind;
  name?: string;
}

/** The syncer's status of one sync (kind and name) or of all; a missing one throws NotFoundError. */
export async function fetchSyncs(nc: LiveConnection, { node, timeoutMs, kind, name }: SyncQuery): Promise<SyncStatus[]> {
  const request = { ...(kind === undefined ? {} : { kind }), ...(name === undefined ? {} : { name }) };
  return ask(nc, syncerStatusEndpoint, { node, timeoutMs, request });
}

export interface RoleQuery {
  node: string;
  timeoutMs: number;
  name?: string;
}

/** The vip-watcher's role of one VirtualAddress or of all; a missing one throws NotFoundError. */
export async function fetchRoles(nc: LiveConnection, { node, timeoutMs, name }: RoleQuery): Promise<VipRoleEvent[]> {
  return ask(nc, vipWatcherRolesEndpoint, { node, timeoutMs, request: name === undefined ? {} : { name } });
}

/** The dhcp-promoter's status of one DHCPServerPromotion or of all; a missing one throws NotFoundError. */
export async function fetchPromotions(nc: LiveConnection, { node, timeoutMs, name }: RoleQuery): Promise<PromotionStatus[]> {
  return ask(nc, dhcpPromoterStatusEndpoint, { node, timeoutMs, request: name === undefined ? {} : { name } });
}
