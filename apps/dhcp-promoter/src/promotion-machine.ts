// One DHCPServerPromotion: follows its VirtualAddress's role and runs ONE command at a time.
// Fresh master → wait `settle`, re-check, start (Serving); backup/inactive → stop at once (Stopped);
// unknown or stale → leave the server as it is. Failures are retried with backoff; `check` repairs drift.
import type { Logger } from '@routerd/agent';
import { boundOutput, type PromotionCommand, type PromotionPhase, type PromotionReason, type PromotionStatus } from '@routerd/bus';
import type { VirtualAddressRole } from '@routerd/model';
import { backoffDelay, type BackoffPolicy, type CommandResult, type RunCommand } from '@routerd/agent';
import type { Clock } from './clock.js';
import type { PromotionPlan } from './promotion-plan.js';
import { COMMAND_DEADLINE_MS, DEFAULT_BACKOFF, describeResult } from './commands.js';
import { errorMessage } from '@routerd/model';

/** Heartbeats of the vip-watcher that may be missed before its role counts as unknown (as the syncer). */
export const MISSED_HEARTBEATS = 3;

export type MachineStatus = Omit<PromotionStatus, 'type' | 'node' | 'observedAt' | 'heartbeatMs' | 'seq'>;

export interface RoleObservation {
  role: VirtualAddressRole;
  heartbeatMs: number;
  /** When this process received it (clock time). */
  receivedAt: number;
}

export interface MachineDeps {
  plan: PromotionPlan;
  exec: RunCommand;
  clock: Clock;
  log: Logger;
  /** Called after every change of the status (the promoter publishes if it differs). */
  onChange: () => void;
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

type Known = 'master' | 'backup' | 'inactive';
type Action = 'start' | 'stop';

export function createPromotionMachine(deps: MachineDeps): PromotionMachine {
  const { exec, clock, log } = deps;
  const random = deps.random ?? Math.random;
  const policy = deps.backoff ?? DEFAULT_BACKOFF;
  const deadlineMs = deps.commandDeadlineMs ?? COMMAND_DEADLINE_MS;
  let plan = deps.plan;

  let phase: PromotionPhase = 'Unknown';
  let reason: PromotionReason | undefined = 'WaitingForRole';
  let message: string | undefined;
  let actedRole: VirtualAddressRole = 'unknown';
  let lastTransitionAt = clock.now();
  let lastCommand: PromotionCommand | undefined;
  let nextAttemptAt: number | undefined;

  let observed: RoleObservation | undefined;
  let lastKnown: Known | undefined;
  // A mastership: bumped when a fresh master follows a fresh backup/inactive (or none). The server
  // is restarted once per mastership, so it loads what the old master pushed meanwhile.
  let epoch = 0;
  let servedEpoch: number | undefined;
  let settledEpoch: number | undefined;
  // The initial check found the server running: keep it for the first mastership (agent restart).
  let adopt = false;

  let running: Promise<void> | undefined;
  let controller: AbortController | undefined;
  let ready = false;
  let stopped = false;
  let failures = 0;
  let lastAction: Action | undefined;
  let retry: { action: Action; cancel: () => void } | undefined;
  let cancelSettle: (() => void) | undefined;
  let cancelStale: (() => void) | undefined;
  let cancelCheck: (() => void) | undefined;

  const logFields = () => ({ promotion: plan.name, virtualAddress: plan.virtualAddress });

  function setPhase(next: PromotionPhase): void {
    if (next === phase) return;
    log.info({ ...logFields(), from: phase, to: next }, `promotion ${plan.name}: ${phase} → ${next}`);
    phase = next;
    lastTransitionAt = clock.now();
  }

  function setReason(next: PromotionReason | undefined, text?: string): void {
    reason = next;
    message = next === undefined ? undefined : text;
  }

  function effectiveRole(): { role: Known } | { role: 'unknown'; why: PromotionReason; text: string } {
    const vip = `VirtualAddress/${plan.virtualAddress}`;
    const untouched = 'the DHCP server is left as it is';
    if (observed === undefined) return { role: 'unknown', why: 'WaitingForRole', text: `no role of ${vip} received yet; ${untouched}` };
    const age = clock.now() - observed.receivedAt;
    if (age > MISSED_HEARTBEATS * observed.heartbeatMs) {
      return {
        role: 'unknown',
        why: 'RoleStale',
        text: `the role of ${vip} was last heard ${Math.round(age)} ms ago (${MISSED_HEARTBEATS} heartbeats of ${observed.heartbeatMs} ms missed), so it is unknown; ${untouched}`,
      };
    }
    if (observed.role === 'unknown') return { role: 'unknown', why: 'RoleUnknown', text: `the vip-watcher reports ${vip} as unknown; ${untouched}` };
    return { role: observed.role };
  }

  function cancelRetry(): void {
    retry?.cancel();
    retry = undefined;
    nextAttemptAt = undefined;
  }

  function stopSettling(): void {
    cancelSettle?.();
    cancelSettle = undefined;
  }

  async function runSafely(argv: readonly string[]): Promise<CommandResult> {
    controller = new AbortController();
    try {
      return await exec(argv, { signal: controller.signal, deadlineMs });
    } catch (error) {
      const text = errorMessage(error);
      return { exitCode: undefined, output: boundOutput(text), durationMs: 0, timedOut: false, aborted: false, error: text };
    } finally {
      controller = undefined;
    }
  }

  /** Runs `body` as the one command in flight; afterwards the machine looks at its inputs again. */
  function occupy(body: () => Promise<void>): void {
    running = body().finally(() => {
      running = undefined;
      deps.onChange();
      reconcile();
    });
  }

  function runAction(action: Action, role: Known): void {
    if (lastAction !== action) failures = 0;
    lastAction = action;
    const argv = action === 'start' ? plan.start : plan.stop;
    const forEpoch = epoch;
    actedRole = role;
    setPhase(action === 'start' ? 'Starting' : 'Stopping');
    setReason(undefined);
    deps.onChange();
    occupy(async () => {
      const at = clock.now();
      const result = await runSafely(argv);
      lastCommand = {
        argv: [...argv],
        ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
        output: result.output,
        durationMs: result.durationMs,
        at: new Date(at).toISOString(),
      };
      if (result.exitCode === 0) {
        failures = 0;
        if (action === 'start') servedEpoch = forEpoch;
        setPhase(action === 'start' ? 'Serving' : 'Stopped');
        setReason(undefined);
        return;
      }
      failures += 1;
      const delay = stopped ? 0 : backoffDelay(failures, policy, random);
      setPhase('Error');
      const text = `${describeResult(argv, result)}; retrying in ${delay} ms while ${action === 'start' ? 'master' : 'backup'}`;
      setReason(action === 'start' ? 'StartFailed' : 'StopFailed', text);
      log.warn({ ...logFields(), argv, exitCode: result.exitCode, output: result.output }, `promotion ${plan.name}: ${text}`);
      if (stopped) return;
      nextAttemptAt = clock.now() + delay;
      const cancel = clock.setTimeout(() => {
        retry = undefined;
        nextAttemptAt = undefined;
        reconcile();
      }, delay);
      retry = { action, cancel };
    });
  }

  function runCheck(expect: 'running' | 'stopped' | 'learn'): void {
    const argv = plan.check;
    if (argv === undefined) return;
    occupy(async () => {
      const result = await runSafely(argv);
      if (result.exitCode === undefined) {
        const text = `${describeResult(argv, result)}; the server's state is not known from it`;
        log.warn({ ...logFields(), argv, output: result.output }, `promotion ${plan.name}: ${text}`);
        if (expect !== 'learn') setReason('CheckFailed', text);
        return;
      }
      if (reason === 'CheckFailed') setReason(undefined);
      const isRunning = result.exitCode === 0;
      if (expect === 'learn') {
        setPhase(isRunning ? 'Serving' : 'Stopped');
        adopt = isRunning;
      } else if (expect === 'running' && !isRunning) {
        servedEpoch = undefined;
        failures = 0;
        setPhase('Error');
        setReason('ServerDied', `${argv.join(' ')} exited with ${result.exitCode}: the DHCP server is not running while master; starting it again`);
      } else if (expect === 'stopped' && isRunning) {
        setPhase('Error');
        setReason('RunningWhileBackup', `${argv.join(' ')} exited with 0: the DHCP server runs while ${actedRole}; stopping it again`);
      }
    });
  }

  function scheduleCheck(): void {
    cancelCheck?.();
    cancelCheck = undefined;
    if (plan.check === undefined || stopped) return;
    cancelCheck = clock.setTimeout(() => {
      scheduleCheck();
      if (running !== undefined || !ready) return;
      const current = effectiveRole();
      if (current.role === 'master' && phase === 'Serving' && servedEpoch === epoch) runCheck('running');
      else if (current.role !== 'master' && current.role !== 'unknown' && phase === 'Stopped') runCheck('stopped');
    }, plan.checkIntervalMs);
  }

  function reconcile(): void {
    if (stopped || running !== undefined || !ready) return;
    const current = effectiveRole();
    if (current.role === 'unknown') {
      // A monitoring failure must not take DHCP down on the master, nor start a second server on the backup.
      stopSettling();
      cancelRetry();
      setReason(current.why, current.text);
      deps.onChange();
      return;
    }
    if (current.role === 'master') {
      if (adopt && epoch === 1 && servedEpoch === undefined && phase === 'Serving') {
        servedEpoch = epoch;
        settledEpoch = epoch;
        log.info(logFields(), `promotion ${plan.name}: the DHCP server already runs on this master; keeping it`);
      }
      adopt = false;
      if (servedEpoch === epoch && phase === 'Serving') {
        cancelRetry();
        actedRole = 'master';
        if (reason !== 'CheckFailed') setReason(undefined);
      } else if (retry?.action === 'start') {
        // Waiting for the backed-off retry.
      } else if (settledEpoch !== epoch) {
        cancelRetry();
        if (cancelSettle === undefined) {
          const forEpoch = epoch;
          setReason('Settling', `waiting ${plan.settleMs} ms for the old master's last push before starting the DHCP server`);
          cancelSettle = clock.setTimeout(() => {
            cancelSettle = undefined;
            if (epoch === forEpoch) settledEpoch = forEpoch;
            reconcile();
          }, plan.settleMs);
        }
      } else {
        cancelRetry();
        runAction('start', 'master');
        return;
      }
      deps.onChange();
      return;
    }
    stopSettling();
    adopt = false;
    if (phase === 'Stopped') {
      cancelRetry();
      actedRole = current.role;
      if (reason !== 'CheckFailed') setReason(undefined);
    } else if (retry?.action !== 'stop') {
      cancelRetry();
      runAction('stop', current.role);
      return;
    }
    deps.onChange();
  }

  return {
    get plan() {
      return plan;
    },
    start() {
      if (plan.check === undefined) {
        ready = true;
        reconcile();
      } else {
        runCheck('learn');
        void running?.then(() => {
          ready = true;
          reconcile();
        });
      }
      scheduleCheck();
    },
    role(observation) {
      observed = observation;
      const fresh = clock.now() - observation.receivedAt <= MISSED_HEARTBEATS * observation.heartbeatMs;
      if (fresh && observation.role !== 'unknown') {
        if (observation.role === 'master' && lastKnown !== 'master') epoch += 1;
        lastKnown = observation.role;
      }
      cancelStale?.();
      const staleIn = observation.receivedAt + MISSED_HEARTBEATS * observation.heartbeatMs - clock.now() + 1;
      cancelStale = stopped ? undefined : clock.setTimeout(reconcile, Math.max(0, staleIn));
      reconcile();
    },
    reconfigure(next) {
      const vipChanged = next.virtualAddress !== plan.virtualAddress;
      const checkChanged = JSON.stringify(next.check) !== JSON.stringify(plan.check) || next.checkIntervalMs !== plan.checkIntervalMs;
      plan = next;
      if (vipChanged) {
        // Another VIP: its role is fed anew; what this one decided about the old VIP no longer holds.
        observed = undefined;
        lastKnown = undefined;
        stopSettling();
        cancelRetry();
      }
      if (checkChanged) scheduleCheck();
      deps.onChange();
      reconcile();
    },
    status() {
      return {
        name: plan.name,
        virtualAddress: plan.virtualAddress,
        role: actedRole,
        phase,
        ...(reason === undefined ? {} : { reason }),
        ...(message === undefined ? {} : { message }),
        servers: plan.servers.map((s) => ({ ...s })),
        lastTransitionAt: new Date(lastTransitionAt).toISOString(),
        ...(lastCommand === undefined ? {} : { lastCommand }),
        ...(nextAttemptAt === undefined ? {} : { nextAttemptAt: new Date(nextAttemptAt).toISOString() }),
      };
    },
    async idle() {
      while (running !== undefined) await running;
    },
    async stop(boundMs) {
      stopped = true;
      stopSettling();
      cancelRetry();
      cancelStale?.();
      cancelCheck?.();
      const inFlight = running;
      if (inFlight === undefined) return;
      let timer: (() => void) | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = clock.setTimeout(() => resolve('late'), boundMs);
      });
      const outcome = await Promise.race([inFlight.then(() => 'done' as const), late]);
      timer?.();
      if (outcome === 'late') {
        log.warn(logFields(), `promotion ${plan.name}: the running command did not finish within ${boundMs} ms; aborting it`);
        controller?.abort();
        await inFlight;
      }
    },
  };
}
