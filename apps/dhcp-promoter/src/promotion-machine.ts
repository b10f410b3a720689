// One DHCPServerPromotion's driver: feeds events to the pure transition (machine/transition.ts) and
// carries out its commands. It owns the timers and runs ONE command at a time through the command
// runner, feeding each result back as an event; the decisions are all in the transition.
import type { BackoffPolicy, Clock, CommandResult, Logger, RunCommand } from '@routerd/agent';
import { boundOutput } from '@routerd/bus';
import { errorMessage } from '@routerd/model';
import { COMMAND_DEADLINE_MS, DEFAULT_BACKOFF } from './commands.js';
import type { Instant, MachineCommand, MachineEvent, TimerName } from './machine/messages.js';
import { initialState, statusOf, type MachineStatus, type RoleObservation } from './machine/state.js';
import { transition } from './machine/transition.js';
import type { PromotionPlan } from './promotion-plan.js';

export type { MachineStatus, RoleObservation } from './machine/state.js';

export interface MachineDeps {
  plan: PromotionPlan;
  exec: RunCommand;
  clock: Clock;
  log: Logger;
  /** Called with the status after every change (the promoter publishes it if it differs). */
  onChange: (status: MachineStatus) => void;
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
  let state = initialState(deps.plan, deps.backoff ?? DEFAULT_BACKOFF, clock.wall());
  const timers = new Map<TimerName, () => void>();
  let running: Promise<void> | undefined;
  let controller: AbortController | undefined;

  const now = (): Instant => ({ monotonic: clock.monotonic(), wall: clock.wall() });

  function feed(event: MachineEvent): void {
    const next = transition(state, event);
    state = next.state;
    for (const command of next.commands) perform(command);
  }

  function perform(command: MachineCommand): void {
    switch (command.type) {
      case 'run':
        run(command.argv);
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

  function run(argv: readonly string[]): void {
    const own = new AbortController();
    controller = own;
    running = (async () => {
      const result = await runSafely(argv, own.signal);
      controller = undefined;
      running = undefined;
      feed({ type: 'done', at: now(), result, jitter: random() });
    })();
  }

  /** A runner that throws is a command that could not run. */
  async function runSafely(argv: readonly string[], signal: AbortSignal): Promise<CommandResult> {
    try {
      return await exec(argv, { signal, deadlineMs });
    } catch (error) {
      const text = errorMessage(error);
      return { exitCode: undefined, output: boundOutput(text), durationMs: 0, timedOut: false, aborted: false, error: text };
    }
  }

  return {
    get plan() {
      return state.plan;
    },
    start: () => feed({ type: 'start', at: now() }),
    role: (observation) => feed({ type: 'role', at: now(), observation }),
    reconfigure: (plan) => feed({ type: 'reconfigure', at: now(), plan }),
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
