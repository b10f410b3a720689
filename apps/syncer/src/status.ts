// The controller's state as the bus's SyncStatus: ISO times, bounded output, no internals. Every
// field is brought into its range here, and a field that still does not fit the schema is dropped,
// so no value can stop the status from being published.
import { boundOutput, syncStatusSchema, type SyncStatus, type SyncTargetStatus } from '@routerd/bus';
import type { SyncJob } from '@routerd/model';
import type { ControllerState } from './sync-state.js';
import type { TargetState } from './target-worker.js';

const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString());
/** Milliseconds as the schema takes them: finite and never negative (a lag cannot be). */
const millis = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? undefined : Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, ms)));

function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function targetStatus(t: TargetState): SyncTargetStatus {
  return defined({
    name: t.name,
    host: t.host,
    phase: t.phase,
    reason: t.reason,
    message: t.message,
    lastAttemptAt: iso(t.lastAttemptAt),
    lastSuccessAt: iso(t.lastSuccessAt),
    durationMs: millis(t.durationMs),
    exitCode: t.exitCode,
    output: t.output === undefined || t.output === '' ? undefined : boundOutput(t.output),
    consecutiveFailures: t.consecutiveFailures,
    lagMs: millis(t.lagMs),
    nextAttemptAt: iso(t.nextAttemptAt),
    lastMerge: t.lastMerge && { ...t.lastMerge, at: iso(t.lastMerge.at) },
  }) as SyncTargetStatus;
}

/** The status with every optional field the schema refuses removed, and the problems found; unchanged when it is valid. */
export function expressible(status: SyncStatus): { status: SyncStatus; problems: string[] } {
  const result = syncStatusSchema.safeParse(status);
  if (result.success) return { status, problems: [] };
  const copy = structuredClone(status) as unknown as Record<string, unknown>;
  for (const issue of result.error.issues) {
    const path = [...issue.path];
    const leaf = path.pop();
    let parent: unknown = copy;
    for (const key of path) parent = (parent as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    if (leaf !== undefined && typeof parent === 'object' && parent !== null && !Array.isArray(parent)) delete (parent as Record<PropertyKey, unknown>)[leaf];
  }
  return { status: copy as unknown as SyncStatus, problems: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
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
    lagMs: millis(state.lagMs),
    observedAt: new Date(now).toISOString(),
    targets: state.targets.map(targetStatus),
  }) as SyncStatus;
}

/** The part of a status that says something changed; observedAt alone does not. */
export function statusFingerprint(status: SyncStatus): string {
  const { observedAt: _observedAt, ...rest } = status;
  return JSON.stringify(rest);
}
