// One controller per sync resource: gate, stable snapshot, staging, then one TargetWorker per target.
import type { SyncPhase, SyncReason } from '@routerd/bus';
import type { SyncJob, WhenResult } from '@routerd/model';
import type { BackoffPolicy, RunCommand } from '@routerd/agent';
import { PlannedArgvError } from './errors.js';
import { TargetWorker, type TargetState } from './target-worker.js';

/** What the source read gave; mirrors @routerd/leases' Snapshot without its content. */
export type SourceRead =
  | { kind: 'ok'; sha256: string; size: number; mtimeMs: number; v4Count: number; v6Count: number; stagedPath: string }
  | { kind: 'missing' }
  | { kind: 'not-a-file' }
  | { kind: 'unreadable'; error: string }
  | { kind: 'unstable'; error: string };

/** What the lease-watcher proved stable: lets the source read agree with it in one read. */
export interface SourceHint {
  sha256: string;
  size: number;
  mtimeMs: number;
}

export type TriggerReason = 'start' | 'change' | 'interval' | 'gate' | 'retry' | 'reload';

export interface ControllerState {
  phase: SyncPhase;
  reason?: SyncReason;
  message?: string;
  gate: WhenResult;
  source?: { path: string; size: number; mtimeMs: number; sha256: string; v4Count: number; v6Count: number };
  syncedAt?: number;
  lagMs?: number;
  targets: TargetState[];
}

export interface ControllerDeps {
  job: SyncJob;
  gate(): WhenResult;
  /** Reads a stable snapshot of the source and stages an immutable copy of it. */
  readSource(hint?: SourceHint): Promise<SourceRead>;
  hold(sha256: string): void;
  release(sha256: string): void;
  run: RunCommand;
  now(): number;
  random(): number;
  backoff: BackoffPolicy;
  onChange(state: Readonly<ControllerState>): void;
}

const UNSTABLE_RETRY_MS = 1000;

export class SyncController {
  private readonly workers: TargetWorker[];
  private state: ControllerState;
  private gate: WhenResult;
  /** Why the source cannot be shipped now; cleared by the next good read. */
  private sourceIssue: { phase: SyncPhase; reason: SyncReason; message: string } | undefined;
  private source: ControllerState['source'];
  private pendingSince: number | undefined;
  private hint: SourceHint | undefined;
  private force = false;
  private running: Promise<void> | undefined;
  private intervalTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: ControllerDeps) {
    const { job } = deps;
    this.workers = job.targets.map((target) => {
      const sourceIndex = target.argv.length - 2;
      if (target.argv[sourceIndex] !== job.source.path) {
        throw new PlannedArgvError(`expected the planned argv of ${job.id} target ${target.name} to end with the source path and destination, found ${target.argv.join(' ')}`);
      }
      return new TargetWorker({
        target,
        sourceIndex,
        deadlineMs: job.deadlineMs,
        run: deps.run,
        gateOpen: () => deps.gate().truth === 'true',
        now: deps.now,
        random: deps.random,
        backoff: deps.backoff,
        onChange: () => this.recompute(),
        hold: deps.hold,
        release: deps.release,
      });
    });
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

  /** A reason to sync; `change` carries when the change was observed. Triggers coalesce. */
  trigger(reason: TriggerReason, observedAt: number = this.deps.now(), hint?: SourceHint): void {
    if (this.stopped) return;
    this.hint = hint;
    this.pendingSince = Math.min(this.pendingSince ?? observedAt, observedAt);
    if (reason !== 'change') this.force = true;
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Re-evaluates the gate (a role event or the staleness tick): stop pushing at once if it closed, sync if it opened. */
  gateChanged(): void {
    const was = this.gate.truth;
    this.gate = this.deps.gate();
    if (this.gate.truth !== 'true') {
      for (const worker of this.workers) worker.abort(this.gate.truth === 'false' ? 'WhenFalse' : 'WhenUnknown');
    } else if (was !== 'true') {
      this.trigger('gate');
    }
    this.recompute();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.intervalTimer);
    clearTimeout(this.retryTimer);
    await Promise.all([this.running, ...this.workers.map((w) => w.stop())]);
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.pendingSince !== undefined) {
      const since = this.pendingSince;
      const force = this.force;
      const hint = this.hint;
      this.pendingSince = undefined;
      this.force = false;
      this.hint = undefined;
      await this.once(since, force, hint);
    }
  }

  private async once(changeObservedAt: number, force: boolean, hint: SourceHint | undefined): Promise<void> {
    this.gate = this.deps.gate();
    if (this.gate.truth !== 'true') {
      this.recompute();
      return;
    }
    const read = await this.deps.readSource(hint);
    const path = this.deps.job.source.path;
    const issue = (phase: SyncPhase, reason: SyncReason, message: string) => {
      this.sourceIssue = { phase, reason, message };
      this.recompute();
    };
    switch (read.kind) {
      case 'missing':
        return issue('Pending', 'SourceMissing', `${path} does not exist yet`);
      case 'not-a-file':
        return issue('Error', 'SourceStatFailed', `${path} is not a regular file`);
      case 'unreadable':
        return issue('Error', 'SourceStatFailed', `${path}: ${read.error}`);
      case 'unstable':
        // Torn or unparsable on every read (dnsmasq mid-rewrite, or a broken file): look again shortly.
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.trigger('retry', changeObservedAt), UNSTABLE_RETRY_MS);
        return issue('Pending', 'SourceUnstable', `${path}: ${read.error}`);
      case 'ok':
        break;
    }
    const { stagedPath, kind: _kind, ...facts } = read;
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

  /** The sync's phase: the gate first, then the source, then its targets. */
  private derive(): ControllerState {
    const targets = this.workers.map((w) => w.state);
    const base = { gate: this.gate, targets, ...pick(this.state, ['syncedAt', 'lagMs']), ...(this.source ? { source: this.source } : {}) };
    if (this.gate.truth !== 'true') {
      const reason: SyncReason = this.gate.truth === 'false' ? 'WhenFalse' : 'WhenUnknown';
      return { ...base, phase: 'Pending', reason, message: this.gate.reasons.join('; ') };
    }
    if (this.sourceIssue) return { ...base, ...this.sourceIssue };
    if (!this.source) return { ...base, phase: 'Syncing' };
    const failed = targets.filter((t) => t.phase === 'Error');
    if (failed.length > 0) {
      const first = failed[0] as TargetState;
      return { ...base, phase: 'Error', reason: 'SyncFailed', message: `${failed.length} of ${targets.length} targets failed; ${first.name}: ${first.output ?? 'no output'}` };
    }
    const sha = this.source.sha256;
    const synced = targets.filter((t) => t.phase === 'Synced' && t.syncedSha256 === sha);
    if (synced.length < targets.length) return { ...base, phase: 'Syncing' };
    return {
      ...base,
      phase: 'Synced',
      syncedAt: Math.max(...synced.map((t) => t.lastSuccessAt ?? 0)),
      lagMs: Math.max(...synced.map((t) => t.lagMs ?? 0)),
    };
  }
}

function pick<T extends object, K extends keyof T>(value: T | undefined, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  if (value === undefined) return out;
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
