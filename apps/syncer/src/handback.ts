// The handback (P5, docs/lease-safety.md): a node whose gate closes after it pushed (it was demoted)
// sends its last lease file once to each target's inbox, after its own DHCP server stopped writing it.
// The wait for Stopped is bounded: a promoter that never says so must not keep the file from the peer.
import type { SyncJob } from '@routerd/model';
import type { SourceRead } from './sync-controller.js';
import type { TargetWorker } from './target-worker.js';

/** How long a demoted node waits for its DHCP server to report Stopped before it hands back anyway. */
export const HANDBACK_WAIT_MS = 10_000;

export interface HandbackDeps {
  job: SyncJob;
  workers: readonly TargetWorker[];
  /** True when no DHCPServerPromotion covers the source, or the one that does reports Stopped. */
  serverStopped(): boolean;
  readSource(): Promise<SourceRead>;
  hold(sha256: string): void;
  release(sha256: string): void;
  waitMs: number;
  /** Reported when there was nothing to send (the source could not be read). */
  onUnsent(message: string): void;
}

export class Handback {
  private waiting = false;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;

  constructor(private readonly deps: HandbackDeps) {}

  /** The gate closed after this node pushed: hand back once the server stopped, or after waitMs. */
  begin(): void {
    if (this.waiting) return;
    this.waiting = true;
    this.timer = setTimeout(() => this.send(`sent after ${this.deps.waitMs} ms without the DHCP server reporting Stopped`), this.deps.waitMs);
    this.poke();
  }

  /** A status changed: send now if the server reports Stopped. */
  poke(): void {
    if (this.waiting && this.deps.serverStopped()) this.send(undefined);
  }

  /** The gate opened again while waiting: this node serves again, there is nothing to hand back. */
  cancel(): void {
    this.waiting = false;
    clearTimeout(this.timer);
  }

  async stop(): Promise<void> {
    this.cancel();
    await this.sending;
  }

  private send(note: string | undefined): void {
    if (!this.waiting) return;
    this.cancel();
    const run = this.sendOnce(note).finally(() => {
      if (this.sending === run) this.sending = undefined;
    });
    this.sending = run;
  }

  private async sendOnce(note: string | undefined): Promise<void> {
    const { job, workers } = this.deps;
    let read: SourceRead;
    try {
      read = await this.deps.readSource();
    } catch (error) {
      read = { kind: 'unreadable', error: error instanceof Error ? error.message : String(error) };
    }
    // No file, nothing the peer could lack (a PD client that never got its lease): not a failure.
    if (read.kind === 'missing') return;
    if (read.kind !== 'ok') {
      this.deps.onUnsent(`no handback of ${job.source.path}: ${unreadable(read)}`);
      return;
    }
    this.deps.hold(read.sha256);
    try {
      const copy = { sha256: read.sha256, path: read.stagedPath, ...(note === undefined ? {} : { note }) };
      await Promise.all(workers.map((w) => w.handback(copy)));
    } finally {
      this.deps.release(read.sha256);
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
