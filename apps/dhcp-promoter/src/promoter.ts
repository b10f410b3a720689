// Every DHCPServerPromotion of the configuration: routes role events to their machines, publishes each
// PromotionStatus on change and as a heartbeat, and swaps machines on reload.
import {
  createBusCounters,
  createMeaningGuard,
  createRateLimitedReport,
  grantedHeartbeatMs,
  promotionSubject,
  reconcileEventSchema,
  reconcileSubject,
  summarizeIssues,
  type BusCounters,
  type BusError,
  type PromotionStatus,
  type ReconcileEvent,
  type VipRoleEvent,
} from '@routerd/bus';
import type { RouterConfig, RuntimeDirs } from '@routerd/model';
import type { BackoffPolicy, Clock, Logger, RunCommand } from '@routerd/agent';
import { createPromotionMachine, type LeaseAccess, type MachineStatus, type PromotionMachine, type ReconcileNotice } from './promotion-machine.js';
import { LeaseSyncPlanError } from './errors.js';
import { promotionPlans, type PromotionPlan } from './promotion-plan.js';

export const DEFAULT_HEARTBEAT_MS = 2000;
/** How long SIGTERM waits for a running start/stop before aborting it (within the agent's 10 s). */
export const STOP_BOUND_MS = 5000;

export interface PromoterDeps {
  node: string;
  config: RouterConfig;
  exec: RunCommand;
  clock: Clock;
  log: Logger;
  publish: (subject: string, data: Uint8Array) => void;
  /** Where the lease files are; with `leases`, the promotions reconcile them with the peer's. */
  dirs?: RuntimeDirs;
  leases?: LeaseAccess;
  /** How a peer's lease file is pulled (default: derived from the sync's push argv). */
  heartbeatMs?: number;
  random?: () => number;
  backoff?: BackoffPolicy;
  commandDeadlineMs?: number;
  stopBoundMs?: number;
  /** Counts the role events refused for their meaning (the agent shares them with its subscription). */
  counters?: BusCounters;
}

export interface Promoter {
  start(): void;
  /** Acts on a role event received on `subject` once its meaning is checked; a refused one is counted, logged and ignored. */
  handleRole(event: VipRoleEvent, subject: string): void;
  /** Logs a problem with a message at most once per rate window per subject and reason. */
  report(problem: BusError): void;
  counters: BusCounters;
  statuses(): PromotionStatus[];
  reload(config: RouterConfig): void;
  stop(): Promise<void>;
}

export function createPromoter(deps: PromoterDeps): Promoter {
  const { node, clock, log } = deps;
  const heartbeatMs = deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const machines = new Map<string, PromotionMachine>();
  const published = new Map<string, string>();
  const lastRoles = new Map<string, { event: VipRoleEvent; receivedAt: number }>();
  const encoder = new TextEncoder();
  let seq = 0;
  let cancelHeartbeat: (() => void) | undefined;
  let stopped = false;
  let current = deps.config;
  const counters = deps.counters ?? createBusCounters();
  const report = createRateLimitedReport({
    now: () => clock.monotonic(),
    log: (problem, suppressed) => log.warn({ err: problem, suppressed }, suppressed === 0 ? problem.message : `${problem.message} (${suppressed} more like it not logged)`),
  });
  // Roles of this node's configured VIPs only; a forged heartbeat cannot buy more than 3 × 60 s.
  const meaningful = createMeaningGuard({ node, config: () => current, wallNow: () => clock.wall(), counters, report });

  function withEnvelope(status: MachineStatus): PromotionStatus {
    return { type: 'promotion.status', node, ...status, observedAt: new Date(clock.wall()).toISOString(), heartbeatMs, seq };
  }

  /** Publishes `status` (the machine's current one by default) if it changed, or always when `force`. */
  function publish(machine: PromotionMachine, force: boolean, status = machine.status()): void {
    const core = JSON.stringify(status);
    const name = machine.plan.name;
    if (!force && published.get(name) === core) return;
    published.set(name, core);
    seq += 1;
    try {
      deps.publish(promotionSubject(node, name), encoder.encode(JSON.stringify(withEnvelope(status))));
    } catch (error) {
      log.warn({ err: error, promotion: name }, `publishing the status of ${name} failed`);
    }
  }

  /**
   * Lease files only when they can be reconciled (a plan compares equal across reloads either way); when
   * the syncs cannot be planned, the promotions still follow the VIP, without reconciling.
   */
  function plansOf(config: RouterConfig): PromotionPlan[] {
    try {
      return promotionPlans(config, { dirs: deps.leases === undefined ? undefined : deps.dirs });
    } catch (error) {
      if (!(error instanceof LeaseSyncPlanError)) throw error;
      log.warn({ err: error }, `${error.message}; the DHCP servers follow the VIP without reconciling their lease files`);
      return promotionPlans(config);
    }
  }

  function publishEvent(notice: ReconcileNotice): void {
    const event: ReconcileEvent = { type: 'reconcile.event', node, ...notice };
    const checked = reconcileEventSchema.safeParse(event);
    if (!checked.success) {
      log.warn({ event }, `a reconcile event of ${notice.kind}/${notice.name} breaks its schema and is not published: ${summarizeIssues(checked.error.issues, event)}`);
      return;
    }
    try {
      deps.publish(reconcileSubject(node, notice.kind, notice.name), encoder.encode(JSON.stringify(checked.data)));
    } catch (error) {
      log.warn({ err: error, event }, `publishing a reconcile event of ${notice.kind}/${notice.name} failed`);
    }
  }

  function add(plan: PromotionPlan): PromotionMachine {
    const machine: PromotionMachine = createPromotionMachine({
      plan,
      exec: deps.exec,
      clock,
      log,
      onChange: (status) => {
        // Called only after construction: a machine reports changes from timers and commands, or start().
        if (!stopped) publish(machine, false, status);
      },
      onEvent: publishEvent,
      ...(deps.leases === undefined ? {} : { leases: deps.leases }),
      ...(deps.random === undefined ? {} : { random: deps.random }),
      ...(deps.backoff === undefined ? {} : { backoff: deps.backoff }),
      ...(deps.commandDeadlineMs === undefined ? {} : { commandDeadlineMs: deps.commandDeadlineMs }),
    });
    machines.set(plan.name, machine);
    return machine;
  }

  function feedLast(machine: PromotionMachine): void {
    const last = lastRoles.get(machine.plan.virtualAddress);
    if (last !== undefined) machine.role({ role: last.event.role, heartbeatMs: grantedHeartbeatMs(last.event.heartbeatMs), receivedAt: last.receivedAt });
  }

  function heartbeat(): void {
    cancelHeartbeat = clock.setTimeout(heartbeat, heartbeatMs);
    for (const machine of machines.values()) publish(machine, true);
  }

  return {
    start() {
      for (const plan of plansOf(deps.config)) add(plan);
      for (const machine of machines.values()) {
        machine.start();
        publish(machine, false);
      }
      log.info({ promotions: [...machines.keys()] }, `following ${machines.size} promotion(s)`);
      cancelHeartbeat = clock.setTimeout(heartbeat, heartbeatMs);
    },
    counters,
    report,
    handleRole(event, subject) {
      if (stopped || !meaningful(subject, event)) return;
      const receivedAt = clock.monotonic();
      lastRoles.set(event.name, { event, receivedAt });
      for (const machine of machines.values()) {
        if (machine.plan.virtualAddress === event.name) machine.role({ role: event.role, heartbeatMs: grantedHeartbeatMs(event.heartbeatMs), receivedAt });
      }
    },
    statuses: () => [...machines.values()].map((machine) => withEnvelope(machine.status())),
    reload(config) {
      current = config;
      const plans = plansOf(config);
      const names = new Set(plans.map((p) => p.name));
      for (const [name, machine] of machines) {
        if (names.has(name)) continue;
        // A removed promotion leaves its server as it is; stopping DHCP is the operator's call.
        void machine.stop(0);
        machines.delete(name);
        published.delete(name);
        log.info({ promotion: name }, `promotion ${name} removed; its DHCP server is left as it is`);
      }
      for (const plan of plans) {
        const existing = machines.get(plan.name);
        if (existing === undefined) {
          const machine = add(plan);
          machine.start();
          feedLast(machine);
          publish(machine, false);
        } else if (JSON.stringify(existing.plan) !== JSON.stringify(plan)) {
          const vipChanged = existing.plan.virtualAddress !== plan.virtualAddress;
          existing.reconfigure(plan);
          if (vipChanged) feedLast(existing);
        }
      }
    },
    async stop() {
      stopped = true;
      cancelHeartbeat?.();
      await Promise.all([...machines.values()].map((m) => m.stop(deps.stopBoundMs ?? STOP_BOUND_MS)));
    },
  };
}
