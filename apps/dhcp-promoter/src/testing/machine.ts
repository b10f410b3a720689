// Fixtures for the promotion machine's tests: states and events for the transition tables (times as
// offsets from T0/M0), a compact rendering of commands, and a driver on the fake clock and exec.
import type { VirtualAddressRole } from '@routerd/model';
import type { LeaseFilePlan } from '../lease-file-plan.js';
import type { Fetched, Instant, MachineCommand, MachineEvent, Merged, TimerName, Transition } from '../machine/messages.js';
import { initialState, type MachineState, type RoleObservation } from '../machine/state.js';
import { transition } from '../machine/transition.js';
import { createPromotionMachine, type PromotionMachine } from '../promotion-machine.js';
import type { PromotionPlan } from '../promotion-plan.js';
import { fakeClock, fakeExec, M0, memoryLogger, playServer, T0 } from './fakes.js';

export const HB = 2000;
export const PLAN: PromotionPlan = {
  name: 'lan-dhcp',
  virtualAddress: 'lan-vip',
  servers: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }],
  start: ['start'],
  stop: ['stop'],
  check: ['check'],
  checkIntervalMs: 10_000,
  settleMs: 1000,
  leaseFiles: [],
};
export const BACKOFF = { baseMs: 1000, maxMs: 30_000, jitter: 0.2 };

/** A lease file synced with one peer, router-b, which the promotion reconciles. */
export const LIVE = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
export const LEASE_FILE: LeaseFilePlan = { live: LIVE, source: { kind: 'DHCPv4Server', name: 'lan-dhcpv4' }, peers: [{ name: 'router-b', pullArgv: ['pull', 'router-b'] }] };
/** The plan patch of a promotion that reconciles LEASE_FILE. */
export const WITH_LEASES = { leaseFiles: [LEASE_FILE] };

/** `ms` after the start on both clocks; `wallStep` moves the wall clock alone. */
export const at = (ms = 0, wallStep = 0): Instant => ({ monotonic: M0 + ms, wall: T0 + ms + wallStep });

/** A role received `ms` after the start (monotonic). */
export const heard = (role: VirtualAddressRole, ms = 0, heartbeatMs = HB): RoleObservation => ({ role, heartbeatMs, receivedAt: M0 + ms });

export interface StatePatch {
  plan?: Partial<PromotionPlan>;
  activity?: MachineState['activity'];
  halted?: boolean;
  status?: Partial<MachineState['status']>;
  role?: Partial<MachineState['role']>;
  mastership?: Partial<MachineState['mastership']>;
  failures?: Partial<MachineState['failures']>;
  reconcile?: Partial<MachineState['reconcile']>;
}

/** A started machine (idle unless patched), at T0. */
export function given(patch: StatePatch = {}): MachineState {
  const base = initialState({ ...PLAN, ...patch.plan }, BACKOFF, T0);
  return {
    ...base,
    activity: patch.activity ?? { kind: 'idle' },
    halted: patch.halted ?? false,
    status: { ...base.status, ...patch.status },
    role: { ...base.role, ...patch.role },
    mastership: { ...base.mastership, ...patch.mastership },
    failures: { ...base.failures, ...patch.failures },
    reconcile: { ...base.reconcile, ...patch.reconcile },
  };
}

/** A master served since M0 (mastership 1), as after a settle and a start that exited 0. */
export function serving(patch: StatePatch = {}): MachineState {
  return given({
    ...patch,
    status: { phase: 'Serving', reason: undefined, role: 'master', ...patch.status },
    role: { observed: heard('master'), lastKnown: 'master', ...patch.role },
    mastership: { epoch: 1, served: 1, settled: 1, ...patch.mastership },
  });
}

/** A standby stopped since M0. */
export function stopped(role: 'backup' | 'inactive' = 'backup', patch: StatePatch = {}): MachineState {
  return given({
    ...patch,
    status: { phase: 'Stopped', reason: undefined, role, ...patch.status },
    role: { observed: heard(role), lastKnown: role, ...patch.role },
  });
}

export const on = {
  start: (ms = 0): MachineEvent => ({ type: 'start', at: at(ms) }),
  role: (observation: RoleObservation, ms = observation.receivedAt - M0): MachineEvent => ({ type: 'role', at: at(ms), observation }),
  timer: (timer: TimerName, ms = 0, wallStep = 0): MachineEvent => ({ type: 'timer', at: at(ms, wallStep), timer }),
  done: (exitCode: number | undefined, ms = 0, output = ''): MachineEvent => ({
    type: 'done',
    at: at(ms),
    result: { exitCode, output, durationMs: 5, timedOut: false, aborted: false, ...(exitCode === undefined ? { error: 'spawn ENOENT' } : {}) },
    jitter: 0.5,
  }),
  reconfigure: (plan: Partial<PromotionPlan>, ms = 0): MachineEvent => ({ type: 'reconfigure', at: at(ms), plan: { ...PLAN, ...plan } }),
  fetched: (files: Fetched[], ms = 0, aborted = false): MachineEvent => ({ type: 'fetched', at: at(ms), files, aborted }),
  merged: (results: Merged[], ms = 0): MachineEvent => ({ type: 'merged', at: at(ms), results }),
  handbacks: (ms = 0, waiting = [LIVE]): MachineEvent => ({ type: 'handbacks', at: at(ms), waiting }),
  halt: (ms = 0): MachineEvent => ({ type: 'halt', at: at(ms) }),
};

/** One row of a transition table: from `state`, `event` emits `commands` (rendered) and leads to a state matching `next`. */
export interface TransitionRow {
  name: string;
  state: MachineState;
  event: MachineEvent;
  commands: string[];
  next: object;
}

/** Rows as [name, row] for it.each, so each test is named by its row. */
export const named = (rows: readonly TransitionRow[]) => rows.map((row) => [row.name, row] as const);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** One transition; the state handed in is frozen, so a transition that changed it would throw. */
export const step = (state: MachineState, event: MachineEvent): Transition => transition(deepFreeze(state), event);

/**
 * Commands as short lines ("run start", "run start locked", "set wake 1000", "publish Error/StartFailed",
 * "fetch 1000", "merge handback", "event conflict"), logs left out.
 */
export function render(commands: readonly MachineCommand[]): string[] {
  return commands.flatMap((c) => {
    if (c.type === 'run') return [`run ${c.argv.join(' ')}${c.lock === undefined ? '' : ' locked'}`];
    if (c.type === 'fetch') return [`fetch ${c.waitMs}`];
    if (c.type === 'merge') return [`merge ${c.sources.map((s) => s.source).join(',')}`];
    if (c.type === 'abort') return ['abort'];
    if (c.type === 'look') return ['look'];
    if (c.type === 'event') return [`event ${c.event.action}`];
    if (c.type === 'setTimer') return [`set ${c.timer} ${c.ms}`];
    if (c.type === 'cancelTimer') return [`cancel ${c.timer}`];
    if (c.type === 'publish') return [`publish ${c.status.phase}${c.status.reason === undefined ? '' : `/${c.status.reason}`}`];
    return [];
  });
}

export const logsOf = (commands: readonly MachineCommand[]): string[] => commands.flatMap((c) => (c.type === 'log' ? [`${c.level}: ${c.message}`] : []));

/**
 * The driver on a fake clock and exec; `make` replaces the machine and keeps clock and exec. Unless a
 * test answers otherwise, the exec plays a server: start runs it, stop ends it, check tells which.
 */
export function driver() {
  const clock = fakeClock();
  const exec = fakeExec();
  const server = playServer(exec);
  const h = { clock, exec, changes: 0, machine: undefined as PromotionMachine | undefined };
  const current = (): PromotionMachine => {
    if (h.machine === undefined) throw new Error('expected make() before using the machine');
    return h.machine;
  };
  return {
    clock,
    exec,
    server,
    changes: () => h.changes,
    make(plan: Partial<PromotionPlan> = {}): PromotionMachine {
      h.changes = 0;
      const machine = createPromotionMachine({ plan: { ...PLAN, ...plan }, exec: exec.run, clock, log: memoryLogger().log, random: () => 0.5, onChange: () => void (h.changes += 1) });
      h.machine = machine;
      machine.start();
      return machine;
    },
    role: (r: VirtualAddressRole) => current().role({ role: r, heartbeatMs: HB, receivedAt: clock.monotonic() }),
    status: () => current().status(),
    phase: () => current().status().phase,
    /** `r` as the vip-watcher sends it: now and every heartbeat for `ms`. */
    async holdRole(r: VirtualAddressRole, ms: number) {
      for (let t = 0; t < ms; t += HB) {
        current().role({ role: r, heartbeatMs: HB, receivedAt: clock.monotonic() });
        await clock.advance(Math.min(HB, ms - t));
      }
      current().role({ role: r, heartbeatMs: HB, receivedAt: clock.monotonic() });
    },
  };
}

/** The reconcile events among the commands. */
export const eventsOf = (commands: readonly MachineCommand[]) => commands.flatMap((c) => (c.type === 'event' ? [c.event] : []));
