// The controller's state as the bus's SyncStatus: ISO times, bounded output, no internals.
import type { SyncStatus, SyncTargetStatus } from '@routerd/bus';
import type { SyncJob } from '@routerd/model';
import type { ControllerState } from './sync-controller.js';
import type { TargetState } from './target-worker.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function targetStatus(t: TargetState): SyncTargetStatus {
  return defined({
    name: t.name,
    host: t.host,
    phase: t.phase,
    lastAttemptAt: iso(t.lastAttemptAt),
    lastSuccessAt: iso(t.lastSuccessAt),
    durationMs: t.durationMs,
    exitCode: t.exitCode,
    output: t.output === '' ? undefined : t.output,
    consecutiveFailures: t.consecutiveFailures,
    nextAttemptAt: iso(t.nextAttemptAt),
  }) as SyncTargetStatus;
}

export function toSyncStatus(job: SyncJob, node: string, state: Readonly<ControllerState>, now: number): SyncStatus {
  return defined({
    type: 'sync.status' as const,
    node,
    kind: job.kind,
    name: job.name,
    phase: state.phase,
    reason: state.reason,
    message: state.message === '' ? undefined : state.message,
    gate: { truth: state.gate.truth, reasons: state.gate.reasons },
    source: state.source,
    syncedAt: iso(state.syncedAt),
    lagMs: state.lagMs,
    observedAt: new Date(now).toISOString(),
    targets: state.targets.map(targetStatus),
  }) as SyncStatus;
}

/** The part of a status that says something changed; observedAt alone does not. */
export function statusFingerprint(status: SyncStatus): string {
  const { observedAt: _observedAt, ...rest } = status;
  return JSON.stringify(rest);
}
