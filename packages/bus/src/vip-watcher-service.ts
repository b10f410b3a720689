// The vip-watcher's request/reply API (NATS services API): `routerd.<node>.vip-watcher.<endpoint>`.
import { SUBJECT_ROOT } from './subjects.js';
import { nodeToken } from './tokens.js';

/** Service name shown by `nats micro ls` / `$SRV.INFO`. */
export const VIP_WATCHER_SERVICE_NAME = 'routerd-vip-watcher';
export const VIP_WATCHER_ENDPOINTS = { roles: 'roles' } as const;

/** The group every vip-watcher endpoint lives under: `srv.addGroup(vipWatcherServicePrefix(node))`. */
export function vipWatcherServicePrefix(node: string): string {
  return `${SUBJECT_ROOT}.${nodeToken(node)}.vip-watcher`;
}

/** The role of one or all VirtualAddresses of `node` (request: VipWatcherRolesRequest, reply: VipWatcherRolesResponse). */
export function vipWatcherRolesSubject(node: string): string {
  return `${vipWatcherServicePrefix(node)}.${VIP_WATCHER_ENDPOINTS.roles}`;
}
