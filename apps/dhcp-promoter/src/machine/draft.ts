// One transition in the making: a copy of the state to change, and the commands it emits in order.
// The state handed in is never changed, so a transition is a pure function of (state, event).
import type { PromotionPhase, PromotionReason } from '@routerd/bus';
import type { LeaseFilePlan } from '../lease-file-plan.js';
import type { Instant, MachineCommand, MergeSource, ReconcileNotice, TimerName, Transition } from './messages.js';
import { statusOf, type ActivityOf, type MachineState } from './state.js';

export class Draft {
  readonly state: MachineState;
  private readonly commands: MachineCommand[] = [];

  constructor(
    from: MachineState,
    readonly at: Instant,
  ) {
    this.state = {
      ...from,
      status: { ...from.status },
      role: { ...from.role },
      mastership: { ...from.mastership },
      failures: { ...from.failures },
      reconcile: { ...from.reconcile },
    };
  }

  setPhase(next: PromotionPhase): void {
    const { status, plan } = this.state;
    if (next === status.phase) return;
    this.log('info', `promotion ${plan.name}: ${status.phase} → ${next}`, { from: status.phase, to: next });
    status.phase = next;
    status.lastTransitionAt = this.at.wall;
  }

  setReason(reason: PromotionReason | undefined, text?: string): void {
    this.state.status.reason = reason;
    this.state.status.message = reason === undefined ? undefined : text;
  }

  /**
   * Nothing wrong now: no reason, but a serving mastership keeps its standing note (what its last
   * reconciliation merged, or that it serves without the peer's leases).
   */
  calm(): void {
    const { status, mastership, reconcile } = this.state;
    const note = reconcile.note;
    if (note !== undefined && note.epoch === mastership.epoch && status.phase === 'Serving' && status.role === 'master') {
      status.reason = note.reason;
      status.message = note.message;
    } else {
      this.setReason(undefined);
    }
  }

  publish(): void {
    this.commands.push({ type: 'publish', status: statusOf(this.state) });
  }

  log(level: 'info' | 'warn', message: string, fields: Record<string, unknown> = {}): void {
    const { plan } = this.state;
    this.commands.push({ type: 'log', level, message, fields: { promotion: plan.name, virtualAddress: plan.virtualAddress, ...fields } });
  }

  /** Starts the activity's command (holding the locks of `lock`'s live files): one runs at a time. */
  run(activity: ActivityOf<'learning' | 'starting' | 'verifying' | 'readingLogs' | 'stopping' | 'checking' | 'pausing'>, lock: readonly string[] = []): void {
    this.state.activity = activity;
    this.commands.push(lock.length === 0 ? { type: 'run', argv: activity.argv } : { type: 'run', argv: activity.argv, lock });
  }

  /** Starts the fetch of the peer's files, the one command running. */
  fetch(activity: ActivityOf<'fetching'>, files: readonly LeaseFilePlan[], waitMs: number): void {
    this.state.activity = activity;
    this.commands.push({ type: 'fetch', files, waitMs });
  }

  /** Starts the merge into live, the one command running. */
  merge(activity: ActivityOf<'merging'>, sources: readonly MergeSource[]): void {
    this.state.activity = activity;
    this.commands.push({ type: 'merge', sources });
  }

  /** Tells the fetch in flight to stop. */
  abort(): void {
    this.commands.push({ type: 'abort' });
  }

  look(lives: readonly string[]): void {
    this.commands.push({ type: 'look', lives });
  }

  emit(event: ReconcileNotice): void {
    this.commands.push({ type: 'event', event });
  }

  /** Enters an activity that waits on the wake timer. */
  wait(activity: ActivityOf<'settling' | 'backingOff'>, ms: number): void {
    this.state.activity = activity;
    this.setTimer('wake', ms);
  }

  /** Back to idle, after a command ended or the wake timer fired. */
  rest(): void {
    this.state.activity = { kind: 'idle' };
  }

  stopSettling(): void {
    this.leave('settling');
  }

  cancelRetry(): void {
    this.leave('backingOff');
  }

  setTimer(timer: TimerName, ms: number): void {
    this.commands.push({ type: 'setTimer', timer, ms });
  }

  cancelTimer(timer: TimerName): void {
    this.commands.push({ type: 'cancelTimer', timer });
  }

  done(): Transition {
    return { state: this.state, commands: this.commands };
  }

  private leave(kind: 'settling' | 'backingOff'): void {
    if (this.state.activity.kind !== kind) return;
    this.rest();
    this.cancelTimer('wake');
  }
}
