// What one read of a lease file found, and the LeaseFileEvent each source resource publishes from it.
import type { LeaseFileEvent } from '@routerd/bus';
import type { Snapshot } from '@routerd/leases';
import type { WatchedFile } from './watched-files.js';

export interface FileState {
  exists: boolean;
  size?: number;
  mtimeMs?: number;
  sha256?: string;
  v4Count?: number;
  v6Count?: number;
  /** A stable snapshot that parsed cleanly: safe to ship. */
  parsed: boolean;
  parseError?: string;
}

/** Size and mtime from a plain stat, for states without a snapshot (a torn or unreadable file). */
export interface StatInfo {
  size: number;
  mtimeMs: number;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The state a snapshot shows; `stat` adds size and mtime when there is no clean snapshot. */
export function stateOfSnapshot(path: string, snapshot: Snapshot, stat?: StatInfo): FileState {
  const known = stat === undefined ? {} : { size: stat.size, mtimeMs: stat.mtimeMs };
  switch (snapshot.kind) {
    case 'ok':
      return {
        exists: true,
        size: snapshot.size,
        mtimeMs: snapshot.mtimeMs,
        sha256: snapshot.sha256,
        v4Count: snapshot.v4Count,
        v6Count: snapshot.v6Count,
        parsed: true,
      };
    case 'missing':
      return { exists: false, parsed: false };
    case 'not-a-file':
      return { exists: true, parsed: false, parseError: `expected a regular file at ${path}, found a directory or another kind of file` };
    case 'unreadable':
      // A directory on the way replaced by a file: the lease file cannot exist there.
      if (errorCode(snapshot.error.cause) === 'ENOTDIR') return { exists: false, parsed: false };
      return { exists: true, ...known, parsed: false, parseError: snapshot.error.message };
    case 'unstable':
      return {
        exists: true,
        ...known,
        parsed: false,
        parseError: `no clean snapshot after ${snapshot.attempts} reads: ${snapshot.lastError}`,
      };
  }
}

/** Whether two states differ in what the syncer acts on: existence, content, parse result. */
export function changed(before: FileState | undefined, after: FileState): boolean {
  return before === undefined || before.exists !== after.exists || before.sha256 !== after.sha256 || before.parsed !== after.parsed;
}

/** One event per source resource using the file. */
export function leaseFileEvents(node: string, file: WatchedFile, state: FileState, observedAt: number): LeaseFileEvent[] {
  const at = new Date(observedAt).toISOString();
  return file.sources.map((source) => ({ type: 'lease.file', node, kind: source.kind, name: source.name, path: file.path, ...state, observedAt: at }));
}
