// The handback (P5, docs/lease-safety.md): a node whose gate closes after it pushed (it was demoted)
// sends its last lease file once to each target's inbox, after its own DHCP server stopped writing it.
// The wait for Stopped is bounded: a promoter that never says so must not keep the file from the peer.
// Syncs of the same file to the same target share one handback (handback-registry.ts).
import type { SyncJob, TargetPlan } from '@routerd/model';
import { handbackKey, type HandbackKey, type HandbackRegistry, type HandbackSend, type HandbackTurn } from './handback-registry.js';
import type { SourceRead } from './sync-controller.js';
import type { TargetWorker } from './target-worker.js';

/** How long a demoted node waits for its DHCP server to report Stopped before it hands back anyway. */
export const HANDBACK_WAIT_MS = 10_000;

export interface HandbackDeps {
  job: SyncJob;
  /** One per job.targets entry, in the same order. */
  workers: readonly TargetWorker[];
  /** Shared by every sync of the syncer: one handback per source file and target per demotion. */
  registry: HandbackRegistry;
  /** True when no DHCPServerPromotion covers the source, or the one that does reports Stopped. */
  serverStopped(): boolean;
  readSource(): Promise<SourceRead>;
  hold(sha256: string): void;
  release(sha256: string): void;
  waitMs: number;
  /** Reported for each target when there was nothing to send it (the source could not be read). */
  onUnsent(message: string, targets: readonly TargetPlan[]): void;
}

export class Handback {
  private waiting = false;
  private stopped = false;
  /** Resolves on stop(): a wait for another sync's send (still running) must not hold this sync's stop. */
  private readonly halted: Promise<false>;
  private halt!: () => void;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  /** The current demotion, from begin() until its handback is done or moot. */
  private turn: HandbackTurn | undefined;
  private readonly keys: readonly HandbackKey[];

  constructor(private readonly deps: HandbackDeps) {
    const { job } = deps;
    this.halted = new Promise((resolve) => {
      this.halt = () => resolve(false);
    });
    this.keys = job.targets.map((t) => handbackKey(job.source.path, t.sshCommand, t.handbackArgv.at(-1) ?? ''));
  }

  /** The gate closed after this node pushed: hand back once the server stopped, or after waitMs. */
  begin(): void {
    if (this.waiting || this.stopped) return;
    this.waiting = true;
    this.turn = { sync: this.deps.job.id, keys: this.keys, serverStopped: this.deps.serverStopped };
    this.deps.registry.enter(this.turn);
    this.timer = setTimeout(() => this.send(`sent after ${this.deps.waitMs} ms without the DHCP server reporting Stopped`), this.deps.waitMs);
    this.poke();
  }

  /** A status changed: send now if the server reports Stopped. */
  poke(): void {
    if (this.waiting && this.deps.serverStopped()) this.send(undefined);
  }

  /** The gate opened again: this node serves, there is nothing to hand back, and the next demotion hands back again. */
  cancel(): void {
    this.stopWaiting();
    this.deps.registry.reset(this.deps.job.id);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halt();
    this.cancel();
    await this.sending;
  }

  private stopWaiting(): void {
    if (this.waiting && this.turn !== undefined) this.deps.registry.leave(this.turn);
    this.waiting = false;
    clearTimeout(this.timer);
  }

  private send(note: string | undefined): void {
    const turn = this.turn;
    if (!this.waiting || turn === undefined) return;
    this.waiting = false;
    clearTimeout(this.timer);
    const run = this.sendOnce(turn, note).finally(() => {
      this.deps.registry.leave(turn);
      if (this.sending === run) this.sending = undefined;
    });
    this.sending = run;
  }

  /**
   * Each target gets the file from this sync, or from the other sync of the same file and target that
   * claimed it first; if that one fails, this sync claims it again and sends it itself.
   */
  private async sendOnce(turn: HandbackTurn, note: string | undefined): Promise<void> {
    const { registry, workers, job } = this.deps;
    // The syncer hands each status to every controller in one synchronous loop: claim after it, so the
    // syncs demoted by the same status have all begun, and one send stands for all of them.
    await Promise.resolve();
    let pending = job.targets.map((_, i) => i);
    while (pending.length > 0 && !this.stopped) {
      const mine: { i: number; settle(delivered: boolean): void }[] = [];
      const theirs: { i: number; send: HandbackSend }[] = [];
      for (const i of pending) {
        const claim = registry.claim(turn, this.keys[i] as HandbackKey);
        if (claim.kind === 'mine') mine.push({ i, settle: claim.settle });
        else theirs.push({ i, send: claim.send });
      }
      const sent = mine.length === 0 ? undefined : this.sendMine(mine, note);
      const outcomes = await Promise.all(theirs.map(async (t) => ({ ...t, delivered: await Promise.race([t.send.delivered, this.halted]) })));
      await sent;
      for (const { i, send, delivered } of outcomes) {
        if (delivered) workers[i]?.handbackSentBy(`handback to ${job.targets[i]?.name}: sent by ${send.sync}, which hands back the same file to the same place`);
      }
      pending = outcomes.filter((o) => !o.delivered).map((o) => o.i);
    }
  }

  private async sendMine(mine: readonly { i: number; settle(delivered: boolean): void }[], note: string | undefined): Promise<void> {
    const { job, workers } = this.deps;
    try {
      let read: SourceRead;
      try {
        read = await this.deps.readSource();
      } catch (error) {
        read = { kind: 'unreadable', error: error instanceof Error ? error.message : String(error) };
      }
      // No file, nothing the peer could lack (a PD client that never got its lease): not a failure.
      if (read.kind === 'missing') return;
      if (read.kind !== 'ok') {
        this.deps.onUnsent(`no handback of ${job.source.path}: ${unreadable(read)}`, mine.map((m) => job.targets[m.i] as TargetPlan));
        return;
      }
      this.deps.hold(read.sha256);
      try {
        const copy = { sha256: read.sha256, path: read.stagedPath, ...(note === undefined ? {} : { note }) };
        await Promise.all(
          mine.map(async (m) => {
            const worker = workers[m.i];
            m.settle(worker === undefined ? false : await worker.handback(copy).catch(() => false));
          }),
        );
      } finally {
        this.deps.release(read.sha256);
      }
    } finally {
      // Whatever did not reach its peer: the other syncs of that file and target send it themselves.
      for (const m of mine) m.settle(false);
    }
  }
}

function unreadable(read: Exclude<SourceRead, { kind: 'ok' | 'missing' }>): string {
  switch (read.kind) {
    case 'not-a-file':
      return 'it is not a regular file';
    case 'unreadable':
    case 'unstable':
    case 'staging-failed':
      return read.error;
  }
}
