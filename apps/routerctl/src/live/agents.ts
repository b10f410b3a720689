// The agents' endpoints as routerctl asks them: the contracts of @routerd/bus, 404 as "not found".
import {
  decodeSyncerStatusResponse,
  decodeVipWatcherRolesResponse,
  SYNCER_SERVICE_NAME,
  syncerStatusSubject,
  VIP_WATCHER_SERVICE_NAME,
  vipWatcherRolesSubject,
  type SyncKind,
  type SyncStatus,
  type VipRoleEvent,
} from '@routerd/bus';
import type { LiveConnection } from './deps.js';
import { AgentReplyError, NotFoundError } from './errors.js';
import { ask, unexpected } from './request.js';

export interface SyncQuery {
  node: string;
  timeoutMs: number;
  kind?: SyncKind;
  name?: string;
}

/** The syncer's status of one sync (kind and name) or of all; a missing one throws NotFoundError. */
export async function fetchSyncs(nc: LiveConnection, { node, timeoutMs, kind, name }: SyncQuery): Promise<SyncStatus[]> {
  const subject = syncerStatusSubject(node);
  const body = { ...(kind === undefined ? {} : { kind }), ...(name === undefined ? {} : { name }) };
  const answer = await ask(nc, { subject, agent: SYNCER_SERVICE_NAME, node, body, timeoutMs });
  if (!answer.ok) {
    if (answer.code === 404) throw new NotFoundError(`no ${kind ?? 'lease sync'}/${name ?? '*'} on node ${node}`);
    throw unexpected(answer, SYNCER_SERVICE_NAME, node, subject);
  }
  const decoded = decodeSyncerStatusResponse(answer.data, subject);
  if (!decoded.ok) throw new AgentReplyError(`${SYNCER_SERVICE_NAME} on node ${node} sent a reply routerctl cannot read: ${decoded.error.message}`, { cause: decoded.error });
  return decoded.value.syncs;
}

export interface RoleQuery {
  node: string;
  timeoutMs: number;
  name?: string;
}

/** The vip-watcher's role of one VirtualAddress or of all; a missing one throws NotFoundError. */
export async function fetchRoles(nc: LiveConnection, { node, timeoutMs, name }: RoleQuery): Promise<VipRoleEvent[]> {
  const subject = vipWatcherRolesSubject(node);
  const answer = await ask(nc, { subject, agent: VIP_WATCHER_SERVICE_NAME, node, body: name === undefined ? {} : { name }, timeoutMs });
  if (!answer.ok) {
    if (answer.code === 404) throw new NotFoundError(`no VirtualAddress/${name ?? '*'} on node ${node}`);
    throw unexpected(answer, VIP_WATCHER_SERVICE_NAME, node, subject);
  }
  const decoded = decodeVipWatcherRolesResponse(answer.data, subject);
  if (!decoded.ok) throw new AgentReplyError(`${VIP_WATCHER_SERVICE_NAME} on node ${node} sent a reply routerctl cannot read: ${decoded.error.message}`, { cause: decoded.error });
  return decoded.value.events;
}
