// One target of one sync: its own loop, status and backoff (invariant 4: a slow or failing target
// delays no other). Offers coalesce: while an rsync runs, only the newest offer is kept.
import type { TargetPlan } from '@routerd/model';
import { backoffDelay, type BackoffPolicy } from '@routerd/agent';
import type { CommandResult, RunCommand } from '@routerd/agent';

/** A staged, immutable copy of the source to ship. */
export interface Offer {
  sha256: string;
  path: string;
  /** When the change it carries was first observed, for the lag. */
  changeObservedAt: number;
}

export type TargetPhase = 'Pending' | 'Syncing' | 'Synced' | 'Error';

export interface TargetState {
  name: string;
  host: string;
  phase: TargetPhase;
  reason?: string;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  durationMs?: number;
  exitCode?: number;
  output?: string;
  consecutiveFailures: number;
  nextAttemptAt?: number;
  syncedSha256?: string;
  lagMs?: number;
}

export interface TargetWorkerDeps {
  target: TargetPlan;
  /** Position of the source path in target.argv, replaced by the staged copy's path. */
  sourceIndex: number;
  deadlineMs: number;
  run: RunCommand;
  /** Re-checked right before every rsync (invariant 1). */
  gateOpen(): boolean;
  now(): number;
  random(): number;
  backoff: BackoffPolicy;
  onChange(state: Readonly<TargetState>): void;
  /** The staged copy is in use until release. */
  hold(sha256: string): void;
  release(sha256: string): void;
}

export class TargetWorker {
  readonly state: TargetState;
  private latest: Offer | undefined;
  private running: Promise<void> | undefined;
  private inflight: AbortController | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: TargetWorkerDeps) {
    this.state = { name: deps.target.name, host: deps.target.host, phase: 'Pending', consecutiveFailures: 0 };
  }

  offer(offer: Offer): void {
    if (this.stopped) return;
    if (this.latest) this.deps.release(this.latest.sha256);
    this.deps.hold(offer.sha256);
    // Keep the earliest change time: the lag counts from the first change not yet shipped.
    this.latest = this.latest ? { ...offer, changeObservedAt: Math.min(this.latest.changeObservedAt, offer.changeObservedAt) } : offer;
    this.kick();
  }

  /** Stops the rsync in flight (the gate closed); the offer is dropped. */
  abort(reason: string): void {
    this.dropLatest();
    this.inflight?.abort();
    if (this.state.phase !== 'Error') this.update({ phase: 'Pending', reason });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.dropLatest();
    this.inflight?.abort();
    await this.running;
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
      const wait = (this.state.nextAttemptAt ?? 0) - this.deps.now();
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
          this.update({ phase: 'Pending', reason: 'WhenFalse' });
          continue;
        }
        await this.attempt(offer);
      } finally {
        this.deps.release(offer.sha256);
      }
    }
  }

  private async attempt(offer: Offer): Promise<void> {
    const { target, sourceIndex, deadlineMs, run, now } = this.deps;
    const argv = target.argv.map((arg, i) => (i === sourceIndex ? offer.path : arg));
    const startedAt = now();
    this.update({ phase: 'Syncing', lastAttemptAt: startedAt });
    const inflight = new AbortController();
    this.inflight = inflight;
    let result: CommandResult;
    try {
      result = await run(argv, { signal: inflight.signal, deadlineMs });
    } finally {
      this.inflight = undefined;
    }
    const finishedAt = now();
    const common = { durationMs: result.durationMs, output: result.output, ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }) };
    if (result.exitCode === 0) {
      this.update({
        ...common,
        phase: 'Synced',
        reason: undefined,
        lastSuccessAt: finishedAt,
        consecutiveFailures: 0,
        nextAttemptAt: undefined,
        syncedSha256: offer.sha256,
        lagMs: finishedAt - offer.changeObservedAt,
      });
      return;
    }
    if (result.aborted) {
      this.update({ ...common, phase: 'Pending', reason: this.stopped ? 'Stopped' : 'WhenFalse' });
      return;
    }
    const failures = this.state.consecutiveFailures + 1;
    const why = result.timedOut ? `deadline of ${deadlineMs} ms passed` : (result.error ?? `exit code ${result.exitCode ?? 'none'}`);
    this.update({
      ...common,
      phase: 'Error',
      reason: 'SyncFailed',
      output: result.output.length > 0 ? `${why}: ${result.output}` : why,
      consecutiveFailures: failures,
      nextAttemptAt: finishedAt + backoffDelay(failures, this.deps.backoff, this.deps.random),
    });
    // Retry the failed copy unless a newer one is already waiting.
    if (!this.latest && !this.stopped) {
      this.deps.hold(offer.sha256);
      this.latest = offer;
    }
  }

  private update(patch: { [K in keyof TargetState]?: TargetState[K] | undefined }): void {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete (this.state as unknown as Record<string, unknown>)[key];
      else (this.state as unknown as Record<string, unknown>)[key] = value;
    }
    this.deps.onChange(this.state);
  }
}
