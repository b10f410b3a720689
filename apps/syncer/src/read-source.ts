// Reads the source as a stable snapshot (invariant 2) and stages the copy rsync will ship.
import { parseDnsmasqLeases, parsePdLease, readStableSnapshot } from '@routerd/leases';
import { errorMessage, type SyncJob } from '@routerd/model';
import type { Staging } from './staging.js';
import type { SourceHint, SourceRead } from './sync-controller.js';

export function parserFor(sourceKind: string) {
  return sourceKind === 'DHCPv6PrefixDelegation' ? parsePdLease : parseDnsmasqLeases;
}

export function createSourceReader(job: SyncJob, staging: Staging): (hint?: SourceHint) => Promise<SourceRead> {
  const parse = parserFor(job.source.kind);
  // The last content staged: the next read overwrites it rather than leave one more copy of the file
  // for the garbage collector. Weak, so an idle syncer gives it back; a read running beside another
  // (a handback) finds it taken and allocates its own.
  let staged: WeakRef<Buffer> | undefined;
  return async (hint) => {
    const buffer = staged?.deref();
    staged = undefined;
    const snapshot = await readStableSnapshot(job.source.path, { parse, ...(buffer === undefined ? {} : { buffer }), ...(hint === undefined ? {} : { knownStable: hint }) });
    switch (snapshot.kind) {
      case 'missing':
      case 'not-a-file':
        return { kind: snapshot.kind };
      case 'unreadable':
        return { kind: 'unreadable', error: snapshot.error.message };
      case 'unstable':
        return { kind: 'unstable', error: `no two reads agreed and parsed in ${snapshot.attempts} attempts: ${snapshot.lastError}` };
      case 'ok': {
        let stagedPath: string;
        try {
          // The source's own mode, from the stat the snapshot already made.
          stagedPath = await staging.stage(snapshot.content, snapshot.sha256, snapshot.mode ?? 0o644);
        } catch (error) {
          // ENOSPC, EROFS, EACCES under the runtime dir: this sync's problem, reported, retried.
          return { kind: 'staging-failed', error: errorMessage(error) };
        } finally {
          staged = new WeakRef(snapshot.content);
        }
        const { sha256, size, mtimeMs, v4Count, v6Count } = snapshot;
        return { kind: 'ok', sha256, size, mtimeMs, v4Count, v6Count, stagedPath };
      }
    }
  };
}
