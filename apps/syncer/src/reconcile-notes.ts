// What a target's receiver did with a push or a handback, as lease-safety events (P7): the lines an
// operator reads in `routerctl events`. The syncer adds the node and the source (reconcile-publisher.ts).
import type { ReconcileAction, ReconcileReason } from '@routerd/bus';
import type { ReportedConflict, ReportedParty } from '@routerd/leases';

/** A target's merge as its receiver reported it; `at` is wall-clock milliseconds. */
export interface LastMerge {
  at: number;
  leases: number;
  taken: number;
  kept: number;
  /** The first MAX_LISTED_CONFLICTS; conflictCount counts them all. */
  conflicts: ReportedConflict[];
  conflictCount: number;
}

/** One reconcile event of a target, before the syncer names the node and the source. */
export interface ReconcileNote {
  action: ReconcileAction;
  /** The target's name. */
  peer: string;
  /** Wall-clock milliseconds. */
  at: number;
  message: string;
  reason?: ReconcileReason;
  leases?: number;
  taken?: number;
  kept?: number;
  conflicts?: ReportedConflict[];
  conflictCount?: number;
}

export type Delivered = 'push' | 'handback';

function expiry(seconds: number): string {
  return seconds === 0 ? 'never expires' : `expires ${new Date(seconds * 1000).toISOString()}`;
}

/** "live" is the target's own file, "incoming" the file this node sent. */
function party(p: ReportedParty, peer: string): string {
  return `${p.client} (${p.from === 'live' ? `${peer}'s lease` : 'our lease'}, ${expiry(p.expiry)})`;
}

export function mergeSummary(merge: Omit<LastMerge, 'at'>): string {
  return `${merge.leases} leases (${merge.taken} taken, ${merge.kept} kept), ${merge.conflictCount} conflicts`;
}

/** One line per conflict: the address, who kept it and who lost it. */
export function conflictText(conflict: ReportedConflict, peer: string): string {
  return `conflict on ${conflict.address} at ${peer}: ${party(conflict.winner, peer)} keeps it over ${party(conflict.loser, peer)}`;
}

/** A merge's events: the merge itself (unless `quiet`), then one `conflict` per listed conflict. */
export function mergeNotes(peer: string, merge: LastMerge, what: Delivered, quiet: boolean): ReconcileNote[] {
  const counts = { leases: merge.leases, taken: merge.taken, kept: merge.kept, conflicts: merge.conflicts, conflictCount: merge.conflictCount };
  const notes: ReconcileNote[] = [];
  if (!quiet) {
    const message = what === 'push' ? `${peer} merged the push: ${mergeSummary(merge)}` : `handback to ${peer}: merged, ${mergeSummary(merge)}`;
    notes.push({ action: what === 'push' ? 'push-merged' : 'handback-sent', peer, at: merge.at, message, ...counts });
  }
  for (const conflict of merge.conflicts) {
    notes.push({ action: 'conflict', peer, at: merge.at, message: conflictText(conflict, peer), conflicts: [conflict] });
  }
  return notes;
}
