// One target of one sync: its own loop, status and backoff (invariant 4: a slow or failing target
// delays no other). Offers coalesce: while an rsync runs, only the newest offer is kept.
// Waits and the lag are measured on the monotonic clock; wall-clock times are only shown.
import { listConflicts, type SyncTargetReason } from '@routerd/bus';
import type { TargetPlan } from '@routerd/model';
import { backoffDelay, hostMonotonicMs, type BackoffPolicy, type Clock, type CommandResult, type RunCommand } from '@routerd/agent';
import type { Failure } from './failure.js';
import { commandOutcome, type Outcome, type Refusal } from './receiver-outcome.js';
import { mergeNotes, mergeSummary, type LastMerge, type ReconcileNote } from './reconcile-notes.js';
import type { PushTrace } from './push-trace.js';

/** The syncer's two clocks: monotonic for waits, durations and lag; wall for the times it publishes. */
export type SyncerClock = Pick<Clock, 'monotonic' | 'wall'>;

/** A staged, immutable copy of the source to ship. */
export interface Offer {
  sha256: string;
  path: string;
  /** When the change it carries was first observed, on the monotonic clock: the lag counts from it. */
  changeObservedAt: number;
}

export type TargetPhase = 'Pending' | 'Syncing' | 'Synced' | 'Error';

/**
 * The longest wait before probing a peer that does not answer again. A probe of a silent peer costs
 * a few SYNs, and its link may return at any moment: past this cap the backoff would make the
 * recovery wait (a retry starts at most 4.8 s after the link returns, with jitter).
 */
export const SILENT_PEER_MAX_BACKOFF_MS = 4000;

/** A target's state; the `...At` times are wall-clock milliseconds, for display only. */
export interface TargetState {
  name: string;
  host: string;
  phase: TargetPhase;
  reason?: SyncTargetReason;
  message?: string;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  durationMs?: number;
  exitCode?: number;
  output?: string;
  consecutiveFailures: number;
  nextAttemptAt?: number;
  syncedSha256?: string;
  lagMs?: number;
  /** What the target's receiver did with the last push or handback it merged. */
  lastMerge?: LastMerge;
}

/** A staged copy to hand back once, on demotion. */
export interface HandbackCopy {
  sha256: string;
  path: string;
  /** Appended to the outcome's message, e.g. why it was sent without the DHCP server reporting Stopped. */
  note?: string;
}

export interface TargetWorkerDeps {
  target: TargetPlan;
  /** Position of the source path in target.argv, replaced by the staged copy's path. */
  sourceIndex: number;
  deadlineMs: number;
  run: RunCommand;
  /** Re-checked right before every rsync (invariant 1). */
  gateOpen(): boolean;
  clock: SyncerClock;
  random(): number;
  backoff: BackoffPolicy;
  onChange(state: Readonly<TargetState>): void;
  /** The staged copy is in use until release. */
  hold(sha256: string): void;
  release(sha256: string): void;
  /** After the peer stopped answering: close its ssh ControlMaster before the next attempt. */
  closeStaleMaster(): Promise<void>;
  /** A lease-safety decision of the target's receiver (or of ours: a handback that failed). */
  onNote(note: ReconcileNote): void;
  /** Debug-level profile: when each push was offered, spawned and exited. */
  trace?: PushTrace;
}

/** Fields to set; an undefined one is removed. */
type StatePatch = { [K in keyof TargetState]?: TargetState[K] | undefined };

export class TargetWorker {
  readonly state: TargetState;
  private latest: Offer | undefined;
  private running: Promise<void> | undefined;
  private inflight: AbortController | undefined;
  /** Why the rsync in flight was aborted. */
  private abortReason: SyncTargetReason = 'WhenFalse';
  private retryTimer: NodeJS.Timeout | undefined;
  /** Monotonic time before which the next attempt waits (backoff). */
  private retryAt: number | undefined;
  private stopped = false;
  /** The refusal last reported as an event: a retry refused the same way publishes none. */
  private refusedAs: string | undefined;
  private handbackInflight: AbortController | undefined;
  /** For the trace only: when each pending offer came, by sha256. */
  private readonly offeredAt = new Map<string, number>();

  constructor(private readonly deps: TargetWorkerDeps) {
    this.state = { name: deps.target.name, host: deps.target.host, phase: 'Pending', consecutiveFailures: 0 };
  }

  offer(offer: Offer): void {
    if (this.stopped) return;
    if (this.latest) this.deps.release(this.latest.sha256);
    this.deps.hold(offer.sha256);
    // Keep the earliest change time: the lag counts from the first change not yet shipped.
    this.latest = this.latest ? { ...offer, changeObservedAt: Math.min(this.latest.changeObservedAt, offer.changeObservedAt) } : offer;
    if (this.deps.trace !== undefined) this.offeredAt.set(offer.sha256, hostMonotonicMs());
    this.kick();
  }

  /** Stops the rsync in flight (the gate closed); the offer is dropped. */
  abort(reason: 'WhenFalse' | 'WhenUnknown'): void {
    const busy = this.latest !== undefined || this.inflight !== undefined;
    this.dropLatest();
    this.abortReason = reason;
    this.inflight?.abort();
    // Called on every status while the gate is closed: a message already there (a handback's outcome) stays.
    if (this.state.phase === 'Error' || (!busy && this.state.phase === 'Pending' && this.state.reason === reason)) return;
    this.update({ phase: 'Pending', reason, message: undefined });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abortReason = 'Stopped';
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.dropLatest();
    this.inflight?.abort();
    this.handbackInflight?.abort();
    await this.running;
  }

  /**
   * Sends `copy` once with the handback argv, after the push in flight (aborted by the gate) settled.
   * Not retried: the outcome, or the failure, is the target's message and an event. True when the
   * peer has it (merged, held, or sent without a report).
   */
  async handback(copy: HandbackCopy): Promise<boolean> {
    const { target, sourceIndex, deadlineMs, run, clock } = this.deps;
    await this.running;
    if (this.stopped) return false;
    const argv = target.handbackArgv.map((arg, i) => (i === sourceIndex ? copy.path : arg));
    const inflight = new AbortController();
    this.handbackInflight = inflight;
    const startedAt = clock.wall();
    let result: CommandResult;
    try {
      result = await run(argv, { signal: inflight.signal, deadlineMs });
    } finally {
      this.handbackInflight = undefined;
    }
    const outcome = commandOutcome(result, { peer: target.name, host: target.host, deadlineMs, what: 'handback' });
    const note = copy.note === undefined ? '' : ` (${copy.note})`;
    const pending = this.handbackPhase();
    const common = { lastAttemptAt: startedAt, durationMs: result.durationMs, output: result.output, exitCode: result.exitCode };
    const done = (text: string): true => {
      const message = `${text}${note}`;
      this.update({ ...common, ...pending, message, consecutiveFailures: 0, nextAttemptAt: undefined });
      this.deps.onNote({ action: 'handback-sent', peer: target.name, at: clock.wall(), message });
      return true;
    };
    switch (outcome.kind) {
      case 'merged': {
        const merge: LastMerge = { at: clock.wall(), leases: outcome.leases, taken: outcome.taken, kept: outcome.kept, ...listConflicts(outcome.conflicts), conflictCount: outcome.conflictCount };
        const message = `handback to ${target.name}: merged, ${mergeSummary(merge)}${note}`;
        this.update({ ...common, ...pending, message, consecutiveFailures: 0, nextAttemptAt: undefined, lastMerge: merge });
        const [sent, ...conflicts] = mergeNotes(target.name, merge, 'handback', false);
        if (sent) this.deps.onNote({ ...sent, message });
        conflicts.forEach((c) => this.deps.onNote(c));
        return true;
      }
      case 'held':
        return done(`handback to ${target.name}: held for its promoter, which merges it: ${outcome.text}`);
      case 'sent':
        return done(`handback to ${target.name}: sent (no receiver report${outcome.unreadable === undefined ? '' : `, unreadable: ${outcome.unreadable}`})`);
      case 'aborted':
        // The syncer stopped.
        return false;
      case 'refused':
        return this.handbackFailed(common, outcome.refusal, outcome.refusal.refusal, note);
      case 'failed':
        return this.handbackFailed(common, outcome.failure, outcome.failure.reason === 'PeerNotAnswering' ? 'PeerNotAnswering' : 'Failed', note);
    }
  }

  private handbackFailed(
    common: StatePatch,
    failure: Failure | Refusal,
    reason: NonNullable<ReconcileNote['reason']>,
    note: string,
  ): false {
    const message = `handback to ${this.deps.target.name} failed, not retried: ${failure.message}${note}`;
    this.update({ ...common, phase: 'Error', reason: failure.reason, message, consecutiveFailures: this.state.consecutiveFailures + 1, nextAttemptAt: undefined });
    this.deps.onNote({ action: 'handback-sent', peer: this.deps.target.name, at: this.deps.clock.wall(), message, reason });
    return false;
  }

  /** Another sync of the same file to the same place handed it back: that is this target's handback too. */
  handbackSentBy(message: string): void {
    if (this.stopped) return;
    this.update({ ...this.handbackPhase(), message, consecutiveFailures: 0, nextAttemptAt: undefined });
    this.deps.onNote({ action: 'handback-sent', peer: this.deps.target.name, at: this.deps.clock.wall(), message });
  }

  /** A handback's phase: Pending while demoted; promoted again meanwhile, a push of the new term owns the phase. */
  private handbackPhase(): { phase: 'Pending'; reason: 'WhenFalse' } | Record<string, never> {
    return this.running === undefined ? { phase: 'Pending', reason: 'WhenFalse' } : {};
  }

  private dropLatest(): void {
    if (this.latest) this.deps.release(this.latest.sha256);
    this.latest = undefined;
  }

  private kick(): void {
    if (this.running || this.stopped || this.retryTimer) return;
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.latest && !this.retryTimer) this.kick();
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.latest) {
      const wait = (this.retryAt ?? 0) - this.deps.clock.monotonic();
      if (wait > 0) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.kick();
        }, wait);
        return;
      }
      const offer = this.latest;
      this.latest = undefined;
      try {
        if (!this.deps.gateOpen()) {
          this.update({ phase: 'Pending', reason: 'WhenFalse', message: undefined });
          continue;
        }
        await this.attempt(offer);
      } finally {
        this.deps.release(offer.sha256);
      }
    }
  }

  private async attempt(offer: Offer): Promise<void> {
    const { target, sourceIndex, deadlineMs, run, clock } = this.deps;
    const argv = target.argv.map((arg, i) => (i === sourceIndex ? offer.path : arg));
    // A retry keeps the Error and its reason until it succeeds: flipping to Syncing for every attempt
    // hid a peer that does not answer from an operator polling the status.
    if (this.state.phase === 'Error') this.update({ lastAttemptAt: clock.wall(), nextAttemptAt: undefined });
    else this.update({ phase: 'Syncing', reason: undefined, message: undefined, lastAttemptAt: clock.wall() });
    const inflight = new AbortController();
    this.inflight = inflight;
    const offeredAt = this.offeredAt.get(offer.sha256);
    this.offeredAt.clear();
    const spawnAt = this.deps.trace === undefined ? 0 : hostMonotonicMs();
    // The bench's rsync wrapper stamps the wall clock: this one is matched with it.
    const spawnWallAt = this.deps.trace === undefined ? 0 : Date.now();
    let result: CommandResult;
    try {
      result = await run(argv, { signal: inflight.signal, deadlineMs });
    } finally {
      this.inflight = undefined;
    }
    const finishedAt = clock.monotonic();
    this.deps.trace?.('rsync', { sha256: offer.sha256, target: target.name, offeredAt, spawnAt, spawnWallAt, exitAt: hostMonotonicMs(), exitCode: result.exitCode });
    // Every field of the attempt is replaced: an exit code or output of an earlier one must not linger.
    const common = { durationMs: result.durationMs, output: result.output, exitCode: result.exitCode };
    const outcome = commandOutcome(result, { peer: target.name, host: target.host, deadlineMs, what: 'push' });
    switch (outcome.kind) {
      case 'aborted': {
        const why = this.abortReason === 'Stopped' ? 'the syncer stopped' : `the gate closed (${this.abortReason})`;
        this.update({ ...common, phase: 'Pending', reason: this.abortReason, message: `push aborted after ${result.durationMs} ms: ${why}` });
        return;
      }
      case 'refused':
        return this.failed(offer, finishedAt, common, outcome.refusal, outcome);
      case 'failed':
        return this.failed(offer, finishedAt, common, outcome.failure, outcome);
      case 'merged':
      case 'held':
      case 'sent':
        return this.synced(offer, finishedAt, common, outcome);
    }
  }

  private synced(offer: Offer, finishedAt: number, common: StatePatch, outcome: Extract<Outcome, { kind: 'merged' | 'held' | 'sent' }>): void {
    const { target, clock } = this.deps;
    this.retryAt = undefined;
    this.refusedAs = undefined;
    const at = clock.wall();
    const merge: LastMerge | undefined =
      outcome.kind === 'merged' ? { at, leases: outcome.leases, taken: outcome.taken, kept: outcome.kept, ...listConflicts(outcome.conflicts), conflictCount: outcome.conflictCount } : undefined;
    const message = outcome.kind === 'sent' && outcome.unreadable !== undefined ? `the receiver's report did not parse: ${outcome.unreadable}` : undefined;
    this.update({
      ...common,
      phase: 'Synced',
      reason: undefined,
      message,
      lastSuccessAt: at,
      consecutiveFailures: 0,
      nextAttemptAt: undefined,
      syncedSha256: offer.sha256,
      lagMs: Math.max(0, finishedAt - offer.changeObservedAt),
      ...(merge === undefined ? {} : { lastMerge: merge }),
    });
    // A push that changed nothing and met no conflict is routine: no event for each of them.
    if (outcome.kind === 'merged' && merge !== undefined) {
      for (const note of mergeNotes(target.name, merge, 'push', !outcome.changed && outcome.conflictCount === 0)) this.deps.onNote(note);
    }
  }

  private async failed(offer: Offer, finishedAt: number, common: StatePatch, failure: Failure | Refusal, outcome: Outcome): Promise<void> {
    const { target, clock } = this.deps;
    const failures = this.state.consecutiveFailures + 1;
    const { backoff } = this.deps;
    const policy = failure.reason === 'PeerNotAnswering' ? { ...backoff, maxMs: Math.min(backoff.maxMs, SILENT_PEER_MAX_BACKOFF_MS) } : backoff;
    const delay = backoffDelay(failures, policy, this.deps.random);
    this.retryAt = finishedAt + delay;
    this.update({ ...common, phase: 'Error', reason: failure.reason, message: failure.message, consecutiveFailures: failures, nextAttemptAt: clock.wall() + delay });
    // A refusal is news once per change of state, not once per retry.
    const refusedAs = outcome.kind === 'refused' ? outcome.refusal.refusal : undefined;
    if (refusedAs !== undefined && refusedAs !== this.refusedAs) {
      this.deps.onNote({ action: 'push-refused', peer: target.name, at: clock.wall(), message: failure.message, reason: refusedAs });
    }
    this.refusedAs = refusedAs;
    // Retry the failed copy unless a newer one is already waiting.
    if (!this.latest && !this.stopped) {
      this.deps.hold(offer.sha256);
      this.latest = offer;
    }
    // A master whose peer went silent would carry the next attempt into the same silence.
    if (failure.reason === 'PeerNotAnswering' && !this.stopped) await this.deps.closeStaleMaster();
  }

  private update(patch: StatePatch): void {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete (this.state as unknown as Record<string, unknown>)[key];
      else (this.state as unknown as Record<string, unknown>)[key] = value;
    }
    this.deps.onChange(this.state);
  }
}
