// The lease-watcher's request/reply API (NATS services API): `routerd.<node>.lease-watcher.<endpoint>`.
import { SUBJECT_ROOT } from './subjects.js';
import { nodeToken } from './tokens.js';

/** Service name shown by `nats micro ls` / `$SRV.INFO`. */
export const LEASE_WATCHER_SERVICE_NAME = 'routerd-lease-watcher';
export const LEASE_WATCHER_ENDPOINTS = { files: 'files' } as const;

/** The group every lease-watcher endpoint lives under: `srv.addGroup(leaseWatcherServicePrefix(node))`. */
export function leaseWatcherServicePrefix(node: string): string {
  return `${SUBJECT_ROOT}.${nodeToken(node)}.lease-watcher`;
}

/** The current state of every watched source of `node` (request: LeaseWatcherFilesRequest, reply: LeaseWatcherFilesResponse). */
export function leaseWatcherFilesSubject(node: string): string {
  return `${leaseWatcherServicePrefix(node)}.${LEASE_WATCHER_ENDPOINTS.files}`;
}
