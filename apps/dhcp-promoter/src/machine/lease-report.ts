// What a reconciliation tells (P7): one line per lease file, the status's lastReconcile and its standing
// note, and a ReconcileEvent per merge, per failed pull and per conflict.
import { listConflicts, type LeaseConflictRecord } from '@routerd/bus';
import { peersOf, type LeaseFilePlan } from '../lease-file-plan.js';
import type { Draft } from './draft.js';
import type { Fetched, Merged, MergeCounts, ReconcileNotice } from './messages.js';
import type { LastReconcile, PendingReconcile } from './state.js';

type FileReport = LastReconcile['files'][number];

/** "merged 40 leases from router-b, 1 conflicts": the one wording of a merge, in the status and the events. */
export function mergedText(peer: string, counts: MergeCounts): string {
  return `merged ${counts.leases} leases from ${peer}, ${counts.conflicts.length} conflicts`;
}

export function conflictText(c: LeaseConflictRecord): string {
  return `${c.address}: ${c.winner.client} keeps it (${c.winner.from}, expiry ${c.winner.expiry}), ${c.loser.client} loses it (${c.loser.from}, expiry ${c.loser.expiry})`;
}

function countsOf(counts: MergeCounts): Pick<FileReport, 'leases' | 'taken' | 'kept' | 'conflicts' | 'conflictCount'> {
  return { leases: counts.leases, taken: counts.taken, kept: counts.kept, ...listConflicts(counts.conflicts) };
}

/** One file's line in lastReconcile, and the events it makes (without `at`, `kind`, `name`). */
function reportFile(file: LeaseFilePlan, fetched: Fetched, merged: Merged | undefined): { report: FileReport; events: Omit<ReconcileNotice, 'at' | 'kind' | 'name'>[] } {
  const path = file.live;
  if (fetched.source === 'none') {
    const failures = fetched.failures;
    const last = failures.at(-1);
    const message = failures.length === 0 ? `nothing came from ${peersOf(file)}` : failures.map((f) => f.text).join('; ');
    return {
      report: { path, peer: last?.peer ?? peersOf(file), result: 'pull-failed', ...(last === undefined ? {} : { reason: last.reason }), message },
      events: failures.map((f) => ({ action: 'pull-failed', peer: f.peer, reason: f.reason, message: f.text })),
    };
  }
  const peer = fetched.source === 'pull' ? fetched.peer : peersOf(file);
  const earlier = fetched.source === 'pull' ? fetched.failures.map((f) => ({ action: 'pull-failed' as const, peer: f.peer, reason: f.reason, message: f.text })) : [];
  const what = fetched.source === 'pull' ? `the lease file pulled from ${peer}` : `${peer}'s handback`;
  if (merged === undefined || merged.outcome === 'failed') {
    const message = `could not merge ${what}: ${merged === undefined ? 'the merge did not run' : merged.error}`;
    // No action names a failed handback merge: the status and the log carry it.
    const events = fetched.source === 'pull' ? [...earlier, { action: 'pull-failed' as const, peer, reason: 'Failed' as const, message }] : earlier;
    return { report: { path, peer, result: 'merge-failed', message }, events };
  }
  const result = fetched.source === 'pull' ? 'pull-merged' : 'handback-merged';
  if (merged.outcome === 'gone') {
    // The receiver merged it itself (this node did not serve), and the sender reported it then.
    return { report: { path, peer, result, message: `${what} was merged by this node's receiver meanwhile` }, events: earlier };
  }
  const { counts } = merged;
  const message = mergedText(peer, counts);
  // One event per listed conflict: the merge's event counts them all.
  const conflicts = listConflicts(counts.conflicts).conflicts.map((c) => ({ action: 'conflict' as const, peer, message: conflictText(c), conflicts: [c] }));
  return { report: { path, peer, result, message, ...countsOf(counts) }, events: [...earlier, { action: result, peer, message, ...countsOf(counts) }, ...conflicts] };
}

/**
 * A reconciliation ended (`merged` empty when nothing was fetched): the status records it, a promotion
 * counts as settled, and the mastership's note says what it merged or that it serves without the peer's leases.
 */
export function finishReconcile(d: Draft, pending: PendingReconcile, merged: readonly Merged[]): void {
  const { plan, reconcile, mastership, backoff } = d.state;
  const at = new Date(d.at.wall).toISOString();
  const files: FileReport[] = [];
  for (const fetched of pending.fetched) {
    const file = pending.files.find((f) => f.live === fetched.live);
    if (file === undefined) continue;
    const { report, events } = reportFile(file, fetched, merged.find((m) => m.live === fetched.live));
    files.push(report);
    for (const event of events) d.emit({ ...event, at, kind: file.source.kind, name: file.source.name });
  }
  const message = files.length === 0 ? 'no lease file to reconcile' : files.map((f) => f.message).join('; ');
  reconcile.last = { trigger: pending.trigger, at: new Date(pending.startedAt).toISOString(), durationMs: Math.max(0, d.at.monotonic - pending.since), message, files };
  const failed = files.filter((f) => f.result === 'pull-failed' || f.result === 'merge-failed');
  if (pending.trigger === 'promotion') mastership.settled = pending.epoch;
  // A heal that failed waits before it is tried again: it stops the server each time.
  if (pending.trigger === 'heal' && failed.length > 0) reconcile.healAfter = d.at.monotonic + backoff.maxMs;
  const again = pending.trigger === 'heal' ? `; trying again in ${backoff.maxMs} ms` : '';
  const unreconciled = `serving without the peer's leases: ${failed.map((f) => f.message).join('; ')}${again}`;
  reconcile.note = { epoch: pending.epoch, reason: failed.length > 0 ? 'Unreconciled' : undefined, message: failed.length > 0 ? unreconciled : message };
  d.log(failed.length > 0 ? 'warn' : 'info', `promotion ${plan.name}: ${pending.trigger === 'heal' ? 'heal' : 'promotion'}: ${message}`, { files: files.map((f) => f.path) });
}
