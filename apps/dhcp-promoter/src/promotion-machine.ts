// One DHCPServerPromotion's driver: feeds events to the pure transition (machine/transition.ts) and
// carries out its commands. It owns the timers and runs ONE command at a time (a command through the
// command runner, the fetch of the peer's lease files, or their merge), feeding each end back as an
// event; the decisions are all in the transition.
import type { BackoffPolicy, Clock, CommandResult, Logger, RunCommand, RunOptions } from '@routerd/agent';
import { boundOutput } from '@routerd/bus';
import { errorMessage } from '@routerd/model';
import { COMMAND_DEADLINE_MS, DEFAULT_BACKOFF } from './commands.js';
import { fetchPeerFiles } from './fetch-peer-files.js';
import type { HandbackTrace } from './handback-trace.js';
import { handbackWaiting, type InboxFs } from './inbox.js';
import type { LeaseFilePlan } from './lease-file-plan.js';
import type { LeaseReconciler } from './lease-files.js';
import type { Fetched, Instant, MachineCommand, MachineEvent, MergeSource, ReconcileNotice, TimerName } from './machine/messages.js';
import { mergeIntoLive } from './merge-into-live.js';
import { initialState, statusOf, type MachineStatus, type RoleObservation } from './machine/state.js';
import { transition } from './machine/transition.js';
import type { PromotionPlan } from './promotion-plan.js';

export type { MachineStatus, RoleObservation } from './machine/state.js';
export type { ReconcileNotice } from './machine/messages.js';

/** The lease files' side: the inbox and the merges into live. Without it a plan's lease files are not reconciled. */
export interface LeaseAccess {
  fs: InboxFs;
  reconciler: LeaseReconciler;
  /** How often the fetch looks for a handback (default 150 ms). */
  pollMs?: number;
  /** The handbacks this node's receiver merged itself while it did not serve (handback-trace.ts). */
  trace?: HandbackTrace;
}

export interface MachineDeps {
  plan: PromotionPlan;
  exec: RunCommand;
  clock: Clock;
  log: Logger;
  /** Called with the status after every change (the promoter publishes it if it differs). */
  onChange: (status: MachineStatus) => void;
  /** A lease-safety decision to publish. */
  onEvent?: (event: ReconcileNotice) => void;
  leases?: LeaseAccess;
  random?: () => number;
  backoff?: BackoffPolicy;
  commandDeadlineMs?: number;
}

export interface PromotionMachine {
  /** Learns the server's state from `check` (when set), then acts on the first fresh role. */
  start(): void;
  role(observation: RoleObservation): void;
  reconfigure(plan: PromotionPlan): void;
  status(): MachineStatus;
  readonly plan: PromotionPlan;
  /** Resolves once no command runs (tests). */
  idle(): Promise<void>;
  /** Stops timers; a running command may finish within `boundMs`, then it is aborted. Never stops the server. */
  stop(boundMs: number): Promise<void>;
}

export function createPromotionMachine(deps: MachineDeps): PromotionMachine {
  const { exec, clock, log } = deps;
  const random = deps.random ?? Math.random;
  const deadlineMs = deps.commandDeadlineMs ?? COMMAND_DEADLINE_MS;
  const { leases } = deps;
  // A plan's lease files need the lease side to be reconciled; without it settle is the plain wait.
  const planned = (plan: PromotionPlan): PromotionPlan => (leases === undefined ? { ...plan, leaseFiles: [] } : plan);
  let state = initialState(planned(deps.plan), deps.backoff ?? DEFAULT_BACKOFF, clock.wall());
  const timers = new Map<TimerName, () => void>();
  let running: Promise<void> | undefined;
  let controller: AbortController | undefined;
  // Since when this driver knows the server stopped (monotonic; undefined from a start on): only a
  // handback the receiver merged after it can be the demoted peer's last file (and not one merged
  // while this node served).
  let stoppedAt: number | undefined;
  const traceFiles = (plan: PromotionPlan) => {
    for (const file of plan.leaseFiles) void leases?.trace?.watch(file.live);
  };
  traceFiles(state.plan);

  const now = (): Instant => ({ monotonic: clock.monotonic(), wall: clock.wall() });

  function feed(event: MachineEvent): void {
    const next = transition(state, event);
    state = next.state;
    for (const command of next.commands) perform(command);
  }

  function perform(command: MachineCommand): void {
    switch (command.type) {
      case 'run':
        run(command.argv, command.lock ?? []);
        return;
      case 'fetch':
        fetch(command.files, command.waitMs);
        return;
      case 'merge':
        merge(command.sources);
        return;
      case 'abort':
        controller?.abort();
        return;
      case 'look':
        look(command.lives);
        return;
      case 'event':
        deps.onEvent?.(command.event);
        return;
      case 'setTimer': {
        const { timer } = command;
        timers.get(timer)?.();
        const cancel = clock.setTimeout(() => {
          timers.delete(timer);
          feed({ type: 'timer', timer, at: now() });
        }, command.ms);
        timers.set(timer, cancel);
        return;
      }
      case 'cancelTimer':
        timers.get(command.timer)?.();
        timers.delete(command.timer);
        return;
      case 'publish':
        deps.onChange(command.status);
        return;
      case 'log':
        log[command.level](command.fields, command.message);
        return;
    }
  }

  /** Runs the one command (`work`), then feeds the event it ends with. */
  function launch(work: (signal: AbortSignal) => Promise<(at: Instant) => MachineEvent>): void {
    const own = new AbortController();
    controller = own;
    running = (async () => {
      const end = await work(own.signal);
      controller = undefined;
      running = undefined;
      feed(end(now()));
    })();
  }

  function run(argv: readonly string[], lock: readonly string[]): void {
    const kind = state.activity.kind;
    if (kind === 'starting') stoppedAt = undefined;
    launch(async (signal) => {
      const result = lock.length === 0 || leases === undefined ? await runSafely(argv, { signal, deadlineMs }) : await runLocked(leases, argv, lock, signal);
      // A stop that exited 0, or a check that saw no server: stopped from now on, until a start.
      const stopped = kind === 'stopping' ? result.exitCode === 0 : (kind === 'learning' || kind === 'checking') && result.exitCode !== undefined && result.exitCode !== 0;
      if (stopped) stoppedAt ??= clock.monotonic();
      return (at) => ({ type: 'done', at, result, jitter: random() });
    });
  }

  /** The command, holding the lease files' locks: no receiver writes live while dnsmasq loads it. */
  async function runLocked(access: LeaseAccess, argv: readonly string[], lock: readonly string[], signal: AbortSignal): Promise<CommandResult> {
    try {
      return await access.reconciler.holding(lock, () => runSafely(argv, { signal, deadlineMs }));
    } catch (error) {
      return couldNotRun(`${argv.join(' ')} did not run: the lock of ${lock.join(', ')} could not be taken: ${errorMessage(error)}`);
    }
  }

  function fetch(files: readonly LeaseFilePlan[], waitMs: number): void {
    launch(async (signal) => {
      let result: { files: Fetched[]; aborted: boolean };
      if (leases === undefined) {
        result = { files: [], aborted: signal.aborted };
      } else {
        try {
          const { trace } = leases;
          // A handback merged within settle before this fetch, and after the server stopped.
          const since = stoppedAt === undefined ? undefined : Math.max(clock.monotonic() - waitMs, stoppedAt);
          result = await fetchPeerFiles(files, waitMs, signal, {
            fs: leases.fs,
            clock,
            run: runSafely,
            ...(leases.pollMs === undefined ? {} : { pollMs: leases.pollMs }),
            ...(trace === undefined || since === undefined ? {} : { handbackMerged: (live: string) => trace.mergedSince(live, since) }),
          });
        } catch (error) {
          const text = `looking for the peer's lease files failed: ${errorMessage(error)}`;
          result = { files: files.map((f) => ({ live: f.live, source: 'none', failures: f.peers.map((p) => ({ peer: p.name, reason: 'Failed', text })) })), aborted: signal.aborted };
        }
      }
      return (at) => ({ type: 'fetched', at, ...result });
    });
  }

  function merge(sources: readonly MergeSource[]): void {
    launch(async () => {
      const results = leases === undefined ? [] : await mergeIntoLive(leases.reconciler, sources, Math.floor(clock.wall() / 1000));
      return (at) => ({ type: 'merged', at, results });
    });
  }

  /** Not a command: a look at the inbox beside whatever runs; the transition decides whether it matters. */
  function look(lives: readonly string[]): void {
    if (leases === undefined) return;
    void (async () => {
      const waiting: string[] = [];
      for (const live of lives) {
        try {
          if (await handbackWaiting(leases.fs, live)) waiting.push(live);
        } catch (error) {
          log.warn({ err: error, promotion: state.plan.name }, `promotion ${state.plan.name}: looking for the handback of ${live} failed`);
        }
      }
      if (waiting.length > 0) feed({ type: 'handbacks', at: now(), waiting });
    })();
  }

  /** A runner that throws is a command that could not run. */
  async function runSafely(argv: readonly string[], options: RunOptions): Promise<CommandResult> {
    try {
      return await exec(argv, options);
    } catch (error) {
      return couldNotRun(errorMessage(error));
    }
  }

  function couldNotRun(text: string): CommandResult {
    return { exitCode: undefined, output: boundOutput(text), durationMs: 0, timedOut: false, aborted: false, error: text };
  }

  return {
    get plan() {
      return state.plan;
    },
    start: () => feed({ type: 'start', at: now() }),
    role: (observation) => feed({ type: 'role', at: now(), observation }),
    reconfigure: (plan) => {
      const next = planned(plan);
      traceFiles(next);
      feed({ type: 'reconfigure', at: now(), plan: next });
    },
    status: () => statusOf(state),
    async idle() {
      while (running !== undefined) await running;
    },
    async stop(boundMs) {
      feed({ type: 'halt', at: now() });
      const inFlight = running;
      if (inFlight === undefined) return;
      let timer: (() => void) | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = clock.setTimeout(() => resolve('late'), boundMs);
      });
      const outcome = await Promise.race([inFlight.then(() => 'done' as const), late]);
      timer?.();
      if (outcome === 'late') {
        log.warn({ promotion: state.plan.name, virtualAddress: state.plan.virtualAddress }, `promotion ${state.plan.name}: the running command did not finish within ${boundMs} ms; aborting it`);
        controller?.abort();
        await inFlight;
      }
    },
  };
}
