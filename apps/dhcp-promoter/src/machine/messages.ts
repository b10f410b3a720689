// What goes into the promotion machine (events, each with the time it happened) and what comes out
// (commands for the driver, in order).
import type { CommandResult } from '@routerd/agent';
import type { PromotionPlan } from '../promotion-plan.js';
import type { MachineState, MachineStatus, RoleObservation } from './state.js';

/** One moment on both clocks: `monotonic` decides, `wall` is what a status shows. */
export interface Instant {
  monotonic: number;
  wall: number;
}

/** The driver keeps one of each: `wake` is the activity's (settle, backoff), `stale` the role's, `check` the loop's. */
export type TimerName = 'wake' | 'stale' | 'check';

export type MachineEvent =
  | { type: 'start'; at: Instant }
  | { type: 'role'; at: Instant; observation: RoleObservation }
  | { type: 'reconfigure'; at: Instant; plan: PromotionPlan }
  | { type: 'timer'; at: Instant; timer: TimerName }
  /** The command the activity ran finished; `jitter` is a draw in [0, 1) for the backoff. */
  | { type: 'done'; at: Instant; result: CommandResult; jitter: number }
  | { type: 'halt'; at: Instant };

export type DoneEvent = Extract<MachineEvent, { type: 'done' }>;

export type MachineCommand =
  /** Run argv; its end comes back as a `done` event. Never while another runs. */
  | { type: 'run'; argv: readonly string[] }
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
