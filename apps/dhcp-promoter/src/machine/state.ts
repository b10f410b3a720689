// The promotion machine as data: what one DHCPServerPromotion knows, and the one thing it is doing
// (its `Activity`). transition.ts moves it on by one event; the driver (promotion-machine.ts) owns the
// timers and runs the commands. Times: `monotonic` for receipt and durations, `wall` for what is published.
import type { BackoffPolicy } from '@routerd/agent';
import type { PromotionCommand, PromotionPhase, PromotionReason, PromotionStatus } from '@routerd/bus';
import type { VirtualAddressRole } from '@routerd/model';
import type { LeaseFilePlan } from '../lease-file-plan.js';
import type { PromotionPlan } from '../promotion-plan.js';
import type { Fetched } from './messages.js';

export type Action = 'start' | 'stop';
export type KnownRole = Exclude<VirtualAddressRole, 'unknown'>;

/**
 * What the machine is doing, one at a time. A new state is a member here, a row in ACTS_ON_ROLE and one
 * in transition.ts's ACTIVITIES (what its timer and its command's end do); the compiler asks for both.
 */
export type Activity =
  /** start() not called yet: roles are recorded, not acted on. */
  | { kind: 'created' }
  /** The first `check` runs, to learn whether the server runs before any role is acted on. */
  | { kind: 'learning'; argv: readonly string[] }
  /** Nothing runs or waits: the next event is acted on. */
  | { kind: 'idle' }
  /** A new mastership waits `settle` (the wake timer) for the old master's last push: a plan without lease files. */
  | { kind: 'settling'; epoch: number }
  /**
   * A new mastership gets the peer's lease files for up to `settle`: a handback, else a pull (the fetch
   * command). `aborting`: the role changed and the fetch was told to stop; nothing is merged then.
   */
  | { kind: 'fetching'; epoch: number; startedAt: number; since: number; aborting: boolean }
  /** `stop` runs so that live can be merged: before a heal, or a promotion whose server is not known stopped. */
  | { kind: 'pausing'; argv: readonly string[]; startedAt: number; pending: PendingReconcile }
  /** The merge command runs: the fetched files go into live under the lock, the server stopped. */
  | { kind: 'merging'; pending: PendingReconcile }
  /** `start` runs for this mastership; `startedAt` (wall) goes into lastCommand. */
  | { kind: 'starting'; argv: readonly string[]; epoch: number; startedAt: number }
  /** `start` exited 0: the first `check` runs, and only its exit 0 makes the phase Serving. */
  | { kind: 'verifying'; argv: readonly string[]; epoch: number }
  /** A start failed or the server died: `logs` prints its last words before the backoff begins. */
  | { kind: 'readingLogs'; argv: readonly string[]; failure: StartFailure }
  | { kind: 'stopping'; argv: readonly string[]; startedAt: number }
  /** A periodic `check` runs, expecting the server in this state. */
  | { kind: 'checking'; argv: readonly string[]; expect: 'running' | 'stopped' }
  /** A failed start or stop waits its backoff (the wake timer) until `until` (wall, the status's nextAttemptAt). */
  | { kind: 'backingOff'; action: Action; until: number };

export type ActivityKind = Activity['kind'];
export type ActivityOf<K extends ActivityKind> = Extract<Activity, { kind: K }>;

/** Whether the machine may act on its role (settle, start, stop) in this activity: nothing runs, start() was called. */
export const ACTS_ON_ROLE: { readonly [K in ActivityKind]: boolean } = {
  created: false,
  learning: false,
  idle: true,
  settling: true,
  fetching: false,
  pausing: false,
  merging: false,
  starting: false,
  verifying: false,
  readingLogs: false,
  stopping: false,
  checking: false,
  backingOff: true,
};

/** Why the server is not serving after a start, waiting for its last words; `delay` is the backoff already drawn. */
export interface StartFailure {
  reason: 'StartFailed' | 'ServerDied';
  text: string;
  delay: number;
}

/** A reconciliation under way: why, since when, and what the fetch found (a heal: the waiting handbacks). */
export interface PendingReconcile {
  trigger: 'promotion' | 'heal';
  epoch: number;
  /** Wall clock, for the status. */
  startedAt: number;
  /** Monotonic, for its duration. */
  since: number;
  files: readonly LeaseFilePlan[];
  fetched: readonly Fetched[];
}

/** The last reconciliation as the status shows it. */
export type LastReconcile = NonNullable<PromotionStatus['lastReconcile']>;

export interface RoleObservation {
  role: VirtualAddressRole;
  heartbeatMs: number;
  /** When this process received it, on its monotonic clock. */
  receivedAt: number;
}

/** The promotion's own part of a PromotionStatus (the promoter adds node, observedAt, heartbeatMs, seq). */
export type MachineStatus = Omit<PromotionStatus, 'type' | 'node' | 'observedAt' | 'heartbeatMs' | 'seq'>;

export interface MachineState {
  plan: PromotionPlan;
  backoff: BackoffPolicy;
  activity: Activity;
  /** The driver stopped (SIGTERM, promotion removed): no new command or timer; one in flight still reports. */
  halted: boolean;
  /** What the status says; servers come from the plan, nextAttemptAt from a backingOff activity. */
  status: {
    phase: PromotionPhase;
    reason: PromotionReason | undefined;
    message: string | undefined;
    /** The role last acted on. */
    role: VirtualAddressRole;
    /** Wall clock. */
    lastTransitionAt: number;
    lastCommand: PromotionCommand | undefined;
  };
  role: {
    /** The newest role received, fresh or not. */
    observed: RoleObservation | undefined;
    /** The last fresh role other than unknown. */
    lastKnown: KnownRole | undefined;
  };
  /**
   * A mastership begins when a fresh master follows a fresh backup/inactive (or none): `epoch` counts
   * them. The server is started once per mastership (`served`), after one settle (`settled`), so it
   * loads what the old master pushed meanwhile. `adopt`: the first check found it running, so the
   * first mastership keeps it (agent restart).
   */
  mastership: { epoch: number; served: number | undefined; settled: number | undefined; adopt: boolean };
  /**
   * Consecutive failures of `action`, for the backoff. A death counts as a failed start, and the count
   * is cleared only by a check of the loop that finds the server up for the longest backoff since its
   * start was seen running (`upSince`, monotonic): a server that dies soon after each start backs off.
   */
  failures: { count: number; action: Action | undefined; upSince: number | undefined };
  reconcile: {
    last: LastReconcile | undefined;
    /**
     * What the status says while this mastership serves with nothing else to report: the last
     * reconciliation's summary, or (reason Unreconciled) that it serves without the peer's leases.
     */
    note: { epoch: number; reason: 'Unreconciled' | undefined; message: string } | undefined;
    /** A heal that failed is not tried again before this (monotonic). */
    healAfter: number | undefined;
  };
}

/** A new promotion: nothing known, waiting for start() and the first role. `wall` is now. */
export function initialState(plan: PromotionPlan, backoff: BackoffPolicy, wall: number): MachineState {
  return {
    plan,
    backoff,
    activity: { kind: 'created' },
    halted: false,
    status: { phase: 'Unknown', reason: 'WaitingForRole', message: undefined, role: 'unknown', lastTransitionAt: wall, lastCommand: undefined },
    role: { observed: undefined, lastKnown: undefined },
    mastership: { epoch: 0, served: undefined, settled: undefined, adopt: false },
    failures: { count: 0, action: undefined, upSince: undefined },
    reconcile: { last: undefined, note: undefined, healAfter: undefined },
  };
}

export function statusOf(state: MachineState): MachineStatus {
  const { plan, status, activity, reconcile } = state;
  return {
    name: plan.name,
    virtualAddress: plan.virtualAddress,
    role: status.role,
    phase: status.phase,
    ...(status.reason === undefined ? {} : { reason: status.reason }),
    ...(status.message === undefined ? {} : { message: status.message }),
    servers: plan.servers.map((s) => ({ ...s })),
    lastTransitionAt: new Date(status.lastTransitionAt).toISOString(),
    ...(status.lastCommand === undefined ? {} : { lastCommand: status.lastCommand }),
    ...(activity.kind === 'backingOff' ? { nextAttemptAt: new Date(activity.until).toISOString() } : {}),
    ...(reconcile.last === undefined ? {} : { lastReconcile: reconcile.last }),
  };
}
