// The kinds that appear in subjects: DHCP sources (lease-watcher) and lease syncs (syncer).
import { SYNC_KINDS, SYNC_SOURCE_KIND, type SyncKind } from '@routerd/model';

export type SourceKind = (typeof SYNC_SOURCE_KIND)[SyncKind];
export const SOURCE_KINDS = SYNC_KINDS.map((kind) => SYNC_SOURCE_KIND[kind]) as [SourceKind, ...SourceKind[]];
export const SYNC_KINDS_LIST = SYNC_KINDS as [SyncKind, ...SyncKind[]];
export type { SyncKind };

export function isSourceKind(kind: string): kind is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(kind);
}

export function isSyncKind(kind: string): kind is SyncKind {
  return (SYNC_KINDS_LIST as readonly string[]).includes(kind);
}
