// One controller per sync resource: gate, stable snapshot, staging, then one TargetWorker per target.
import type { SyncPhase, SyncReason } from '@routerd/bus';
import { errorMessage, type SyncJob, type TargetPlan, type WhenResult } from '@routerd/model';
import { backoffDelay, hostMonotonicMs, type BackoffPolicy, type RunCommand } from '@routerd/agent';
import { PlannedArgvError } from './errors.js';
import { Handback, HANDBACK_WAIT_MS } from './handback.js';
import { HandbackRegistry } from './handback-registry.js';
import type { ReconcileNote } from './reconcile-notes.js';
import type { PushTrace } from './push-trace.js';
import { deriveSyncState, type ControllerState, type SourceIssue } from './sync-state.js';
import { TargetWorker, type SyncerClock } from './target-worker.js';

export type { ControllerState } from './sync-state.js';

/** What the source read gave; mirrors @routerd/leases' Snapshot without its content. */
export type SourceRead =
  | { kind: 'ok'; sha256: string; size: number; mtimeMs: number; v4Count: number; v6Count: number; stagedPath: string }
  | { kind: 'missing' }
  | { kind: 'not-a-file' }
  | { kind: 'unreadable'; error: string }
  | { kind: 'unstable'; error: string }
  | { kind: 'staging-failed'; error: string };

/** What the lease-watcher proved stable: lets the source read agree with it in one read. */
export interface SourceHint {
  sha256: string;
  size: number;
  mtimeMs: number;
}

export type TriggerReason = 'start' | 'change' | 'interval' | 'gate' | 'retry' | 'reload';

export interface ControllerDeps {
  job: SyncJob;
  gate(): WhenResult;
  /** Reads a stable snapshot of the source and stages an immutable copy of it. */
  readSource(hint?: SourceHint): Promise<SourceRead>;
  hold(sha256: string): void;
  release(sha256: string): void;
  run: RunCommand;
  /** Closes the ssh ControlMaster of a target whose peer stopped answering. */
  closeStaleMaster(target: TargetPlan): Promise<void>;
  clock: SyncerClock;
  random(): number;
  backoff: BackoffPolicy;
  onChange(state: Readonly<ControllerState>): void;
  /** A lease-safety decision about one target (a merge, a refusal, a conflict, a handback). */
  onNote(note: ReconcileNote): void;
  /** True when no DHCPServerPromotion covers the source, or the one that does reports Stopped. */
  serverStopped(): boolean;
  /** Shared by the syncer's controllers: one handback per source file and target per demotion; default one of its own. */
  handbackRegistry?: HandbackRegistry;
  /** The bound of the handback's wait for Stopped; default HANDBACK_WAIT_MS. */
  handbackWaitMs?: number;
  /** Debug-level profile of each push (the bench joins it with the lease-watcher's by sha256); absent, nothing is timed. */
  trace?: PushTrace;
}

const UNSTABLE_RETRY_MS = 1000;

export class SyncController {
  private readonly workers: TargetWorker[];
  private state: ControllerState;
  private gate: WhenResult;
  /** Why the source cannot be shipped now; cleared by the next good read. */
  private sourceIssue: SourceIssue | undefined;
  /** Consecutive reads that failed in our own staging area or threw: they back off. */
  private readFailures = 0;
  private source: ControllerState['source'];
  /** On the monotonic clock: when the oldest change not yet read was observed. */
  private pendingSince: number | undefined;
  private hint: SourceHint | undefined;
  private force = false;
  private running: Promise<void> | undefined;
  private intervalTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The gate was open since the last handback: its closing is a demotion to hand back after. */
  private pushedSinceHandback = false;
  private readonly handback: Handback | undefined;

  constructor(private readonly deps: ControllerDeps) {
    const { job } = deps;
    this.workers = job.targets.map((target) => {
      const sourceIndex = target.argv.length - 2;
      for (const [which, argv] of [['argv', target.argv], ['handback argv', target.handbackArgv]] as const) {
        if (argv[sourceIndex] !== job.source.path || argv.length !== target.argv.length) {
          throw new PlannedArgvError(`expected the planned ${which} of ${job.id} target ${target.name} to end with the source path and destination, found ${argv.join(' ')}`);
        }
      }
      return new TargetWorker({
        target,
        sourceIndex,
        deadlineMs: job.deadlineMs,
        run: deps.run,
        gateOpen: () => deps.gate().truth === 'true',
        clock: deps.clock,
        random: deps.random,
        backoff: deps.backoff,
        onChange: () => this.recompute(),
        hold: deps.hold,
        release: deps.release,
        closeStaleMaster: () => deps.closeStaleMaster(target),
        onNote: deps.onNote,
        ...(deps.trace === undefined ? {} : { trace: deps.trace }),
      });
    });
    // With delivery replace the peer overwrites its file with each push: a handback has nowhere to go.
    if (job.delivery === 'merge') {
      this.handback = new Handback({
        job,
        workers: this.workers,
        registry: deps.handbackRegistry ?? new HandbackRegistry(),
        serverStopped: deps.serverStopped,
        readSource: () => deps.readSource(),
        hold: deps.hold,
        release: deps.release,
        waitMs: deps.handbackWaitMs ?? HANDBACK_WAIT_MS,
        onUnsent: (message, targets) => {
          const at = deps.clock.wall();
          for (const target of targets) deps.onNote({ action: 'handback-sent', peer: target.name, at, message, reason: 'Failed' });
        },
      });
    }
    this.gate = deps.gate();
    this.state = this.derive();
  }

  get status(): Readonly<ControllerState> {
    return this.state;
  }

  start(): void {
    this.intervalTimer = setInterval(() => this.trigger('interval'), this.deps.job.intervalMs);
    this.trigger('start');
  }

  /** A reason to sync; `change` carries when the change was observed (monotonic clock). Triggers coalesce. */
  trigger(reason: TriggerReason, observedAt: number = this.deps.clock.monotonic(), hint?: SourceHint): void {
    if (this.stopped) return;
    this.hint = hint;
    this.pendingSince = Math.min(this.pendingSince ?? observedAt, observedAt);
    if (reason !== 'change') this.force = true;
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /**
   * Re-evaluates the gate (a role event, a promotion status, the staleness tick): stop pushing at once if
   * it closed, and hand the last file back once the DHCP server stopped; sync if it opened.
   */
  gateChanged(): void {
    const was = this.gate.truth;
    this.gate = this.deps.gate();
    if (this.gate.truth !== 'true') {
      // The push in flight is aborted: the handback, sent once the server stopped, carries its change and any later one.
      for (const worker of this.workers) worker.abort(this.gate.truth === 'false' ? 'WhenFalse' : 'WhenUnknown');
    } else if (was !== 'true') {
      this.trigger('gate');
    }
    this.noteGate();
    this.handback?.poke();
    this.recompute();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.intervalTimer);
    clearTimeout(this.retryTimer);
    await Promise.all([this.running, this.handback?.stop(), ...this.workers.map((w) => w.stop())]);
  }

  /**
   * Open: this node pushes, and any handback still waiting is moot. Closed (`false`, not `unknown`: a
   * stale role says nothing of a demotion) after it was open: the node was demoted, hand back once.
   */
  private noteGate(): void {
    if (this.stopped) return;
    if (this.gate.truth === 'true') {
      this.pushedSinceHandback = true;
      this.handback?.cancel();
    } else if (this.gate.truth === 'false' && this.pushedSinceHandback) {
      this.pushedSinceHandback = false;
      this.handback?.begin();
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.pendingSince !== undefined) {
      const since = this.pendingSince;
      const force = this.force;
      const hint = this.hint;
      this.pendingSince = undefined;
      this.force = false;
      this.hint = undefined;
      try {
        await this.once(since, force, hint);
      } catch (error) {
        // Nothing a read or a stage throws may end the loop, or the process (an unhandled rejection).
        this.readFailed(since, 'SourceStatFailed', `${this.deps.job.source.path}: ${errorMessage(error)}`);
      }
    }
  }

  private retryIn(ms: number, since: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.trigger('retry', since), ms);
  }

  private issue(phase: SyncPhase, reason: SyncReason, message: string): void {
    this.sourceIssue = { phase, reason, message };
    this.recompute();
  }

  /** A failure in our own I/O: Error, and the read again after the backoff. */
  private readFailed(since: number, reason: SyncReason, message: string): void {
    this.readFailures += 1;
    const delay = backoffDelay(this.readFailures, this.deps.backoff, this.deps.random);
    this.retryIn(delay, since);
    this.issue('Error', reason, `${message} (${this.readFailures} in a row; next attempt in ${delay} ms)`);
  }

  private async once(changeObservedAt: number, force: boolean, hint: SourceHint | undefined): Promise<void> {
    this.gate = this.deps.gate();
    this.noteGate();
    if (this.gate.truth !== 'true') {
      this.recompute();
      return;
    }
    const readAt = this.deps.trace === undefined ? 0 : hostMonotonicMs();
    const read = await this.deps.readSource(hint);
    const path = this.deps.job.source.path;
    if (read.kind !== 'staging-failed') this.readFailures = 0;
    switch (read.kind) {
      case 'missing':
        return this.issue('Pending', 'SourceMissing', `${path} does not exist yet`);
      case 'not-a-file':
        return this.issue('Error', 'SourceStatFailed', `${path} is not a regular file`);
      case 'unreadable':
        return this.issue('Error', 'SourceStatFailed', `${path}: ${read.error}`);
      case 'unstable':
        // Torn or unparsable on every read (dnsmasq mid-rewrite, or a broken file): look again shortly.
        this.retryIn(UNSTABLE_RETRY_MS, changeObservedAt);
        return this.issue('Pending', 'SourceUnstable', `${path}: ${read.error}`);
      case 'staging-failed':
        return this.readFailed(changeObservedAt, 'StagingFailed', read.error);
      case 'ok':
        break;
    }
    const { stagedPath, kind: _kind, ...facts } = read;
    this.deps.trace?.('source read', { sha256: read.sha256, readAt, stagedAt: hostMonotonicMs(), hinted: hint !== undefined });
    this.sourceIssue = undefined;
    this.source = { path, ...facts };
    this.deps.hold(read.sha256);
    try {
      for (const worker of this.workers) {
        // An unchanged file is not shipped again on a bare change event; timers and gate openings force it.
        if (!force && worker.state.phase === 'Synced' && worker.state.syncedSha256 === read.sha256) continue;
        worker.offer({ sha256: read.sha256, path: stagedPath, changeObservedAt });
      }
    } finally {
      this.deps.release(read.sha256);
    }
    this.recompute();
  }

  private recompute(): void {
    this.state = this.derive();
    this.deps.onChange(this.state);
  }

  private derive(): ControllerState {
    return deriveSyncState({
      gate: this.gate,
      sourceIssue: this.sourceIssue,
      source: this.source,
      targets: this.workers.map((w) => w.state),
      previous: this.state as ControllerState | undefined,
    });
  }
}
