// What goes into the promotion machine (events, each with the time it happened) and what comes out
// (commands for the driver, in order).
import type { CommandResult } from '@routerd/agent';
import type { LeaseConflictRecord, ReconcileEvent, ReconcileReason } from '@routerd/bus';
import type { LeaseFilePlan } from '../lease-file-plan.js';
import type { PromotionPlan } from '../promotion-plan.js';
import type { MachineState, MachineStatus, RoleObservation } from './state.js';

/** One moment on both clocks: `monotonic` decides, `wall` is what a status shows. */
export interface Instant {
  monotonic: number;
  wall: number;
}

/**
 * The driver keeps one of each: `wake` is the activity's (settle, backoff), `stale` the role's, `check` the loop's,
 * `inbox` the look for a handback while serving.
 */
export type TimerName = 'wake' | 'stale' | 'check' | 'inbox';

/** A peer whose lease file could not be pulled, and why ("router-b did not answer within 1s"). */
export interface PullFailure {
  peer: string;
  reason: ReconcileReason;
  text: string;
}

/** What the fetch found for one lease file: the peer's handback, a copy pulled from `peer`, or neither. */
export type Fetched =
  | { live: string; source: 'handback' }
  | { live: string; source: 'pull'; peer: string; failures: PullFailure[] }
  | { live: string; source: 'none'; failures: PullFailure[] };

/** A file to merge into `live`: its inbox handback (claimed, removed once merged) or its pulled copy. */
export interface MergeSource {
  live: string;
  source: 'handback' | 'pull';
}

export interface MergeCounts {
  /** Whether live's text changed. */
  changed: boolean;
  leases: number;
  taken: number;
  kept: number;
  conflicts: LeaseConflictRecord[];
}

/** One merge: done, nothing to do (the receiver merged the handback meanwhile), or why it failed. */
export type Merged =
  | { live: string; outcome: 'merged'; counts: MergeCounts }
  | { live: string; outcome: 'gone' }
  | { live: string; outcome: 'failed'; error: string };

/** A ReconcileEvent as the machine knows it; the promoter adds the node. */
export type ReconcileNotice = Omit<ReconcileEvent, 'type' | 'node'>;

export type MachineEvent =
  | { type: 'start'; at: Instant }
  | { type: 'role'; at: Instant; observation: RoleObservation }
  | { type: 'reconfigure'; at: Instant; plan: PromotionPlan }
  | { type: 'timer'; at: Instant; timer: TimerName }
  /** The command the activity ran finished; `jitter` is a draw in [0, 1) for the backoff. */
  | { type: 'done'; at: Instant; result: CommandResult; jitter: number }
  /** The fetch ended: per lease file what it found; `aborted` when it was told to stop. */
  | { type: 'fetched'; at: Instant; files: Fetched[]; aborted: boolean }
  /** The merge ended, one result per source. */
  | { type: 'merged'; at: Instant; results: Merged[] }
  /** The look found these live files' handbacks waiting in the inbox. */
  | { type: 'handbacks'; at: Instant; waiting: string[] }
  | { type: 'halt'; at: Instant };

export type DoneEvent = Extract<MachineEvent, { type: 'done' }>;
export type FetchedEvent = Extract<MachineEvent, { type: 'fetched' }>;
export type MergedEvent = Extract<MachineEvent, { type: 'merged' }>;

export type MachineCommand =
  /** Run argv (holding the locks of `lock`'s live files); its end comes back as a `done` event. Never while another runs. */
  | { type: 'run'; argv: readonly string[]; lock?: readonly string[] }
  /**
   * Get each file's peer copy within `waitMs`: wait for its handback, pulling from its peers meanwhile.
   * Its end comes back as `fetched`. Counts as the one command running.
   */
  | { type: 'fetch'; files: readonly LeaseFilePlan[]; waitMs: number }
  /** Merge each source into its live file under the file's lock; its end comes back as `merged`. The one command running. */
  | { type: 'merge'; sources: readonly MergeSource[] }
  /** Stop the fetch in flight: it ends at once with `aborted`. */
  | { type: 'abort' }
  /** Look whether these live files' handbacks wait in the inbox; the answer comes back as `handbacks`. */
  | { type: 'look'; lives: readonly string[] }
  /** A lease-safety decision for the bus. */
  | { type: 'event'; event: ReconcileNotice }
  /** (Re)arm the timer: its `timer` event comes after `ms`. */
  | { type: 'setTimer'; timer: TimerName; ms: number }
  | { type: 'cancelTimer'; timer: TimerName }
  /** The status changed (or may have): hand it to the promoter. */
  | { type: 'publish'; status: MachineStatus }
  | { type: 'log'; level: 'info' | 'warn'; message: string; fields: Record<string, unknown> };

export interface Transition {
  state: MachineState;
  commands: MachineCommand[];
}
