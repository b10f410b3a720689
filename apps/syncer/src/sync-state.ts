// A sync's phase, from its gate, its source and its targets, in that order of precedence.
import type { SyncPhase, SyncReason } from '@routerd/bus';
import type { WhenResult } from '@routerd/model';
import type { TargetState } from './target-worker.js';

export interface ControllerState {
  phase: SyncPhase;
  reason?: SyncReason;
  message?: string;
  gate: WhenResult;
  source?: { path: string; size: number; mtimeMs: number; sha256: string; v4Count: number; v6Count: number };
  /** Wall clock: when every target last had the current copy. */
  syncedAt?: number;
  lagMs?: number;
  targets: TargetState[];
}

export interface SourceIssue {
  phase: SyncPhase;
  reason: SyncReason;
  message: string;
}

export interface SyncInputs {
  gate: WhenResult;
  sourceIssue: SourceIssue | undefined;
  source: ControllerState['source'];
  targets: TargetState[];
  /** The last state: syncedAt and lagMs hold until the next full sync. */
  previous: ControllerState | undefined;
}

export function deriveSyncState({ gate, sourceIssue, source, targets, previous }: SyncInputs): ControllerState {
  const base: ControllerState = { phase: 'Syncing', gate, targets };
  if (previous?.syncedAt !== undefined) base.syncedAt = previous.syncedAt;
  if (previous?.lagMs !== undefined) base.lagMs = previous.lagMs;
  if (source) base.source = source;
  if (gate.truth !== 'true') {
    const reason: SyncReason = gate.truth === 'false' ? 'WhenFalse' : 'WhenUnknown';
    return { ...base, phase: 'Pending', reason, message: gate.reasons.join('; ') };
  }
  if (sourceIssue) return { ...base, ...sourceIssue };
  if (!source) return base;
  const failed = targets.filter((t) => t.phase === 'Error');
  if (failed.length > 0) {
    const first = failed[0] as TargetState;
    return { ...base, phase: 'Error', reason: 'SyncFailed', message: `${failed.length} of ${targets.length} targets failed; ${first.name}: ${first.message ?? first.output ?? 'no output'}` };
  }
  const synced = targets.filter((t) => t.phase === 'Synced' && t.syncedSha256 === source.sha256);
  if (synced.length < targets.length) return base;
  return {
    ...base,
    phase: 'Synced',
    syncedAt: Math.max(...synced.map((t) => t.lastSuccessAt ?? 0)),
    lagMs: Math.max(...synced.map((t) => t.lagMs ?? 0)),
  };
}
