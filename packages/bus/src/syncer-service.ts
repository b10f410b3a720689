// The syncer's request/reply API (NATS services API): `routerd.<node>.syncer.<endpoint>`.
import { SUBJECT_ROOT } from './subjects.js';
import { nodeToken } from './tokens.js';

/** Service name shown by `nats micro ls` / `$SRV.INFO`. */
export const SYNCER_SERVICE_NAME = 'routerd-syncer';
export const SYNCER_ENDPOINTS = { status: 'status' } as const;

/** The group every syncer endpoint lives under: `srv.addGroup(syncerServicePrefix(node))`. */
export function syncerServicePrefix(node: string): string {
  return `${SUBJECT_ROOT}.${nodeToken(node)}.syncer`;
}

/** Status of one or all syncs of `node` (request: SyncerStatusRequest, reply: SyncerStatusResponse). */
export function syncerStatusSubject(node: string): string {
  return `${syncerServicePrefix(node)}.${SYNCER_ENDPOINTS.status}`;
}
