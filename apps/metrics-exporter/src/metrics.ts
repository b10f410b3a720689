// The metrics, and how each bus status moves them. Statuses carry state, not events: a counter moves
// by what changed between two statuses of one target (a new attempt, more consecutive failures, a new
// success, a new merge). The first status seen of a target is its baseline and counts nothing, so a
// restarted exporter does not count again what the syncer did before it.
import { freshForMs, PROMOTION_PHASES, SYNC_PHASES, type PromotionStatus, type SyncStatus, type SyncTargetStatus, type VipRoleEvent } from '@routerd/bus';
import { VIRTUAL_ADDRESS_ROLES } from '@routerd/model';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Lag buckets in seconds: a push on the lab's LAN takes tenths of a second, a dead peer's deadline tens of seconds. */
export const LAG_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];

const TARGET_LABELS = ['node', 'kind', 'sync', 'target'] as const;

export interface RouterdMetrics {
  sync(status: SyncStatus): void;
  /** `receivedAt` on the monotonic clock of `now` (createRouterdMetrics' option): the role turns unknown 3 heartbeats later. */
  vip(event: VipRoleEvent, receivedAt: number): void;
  promotion(status: PromotionStatus, receivedAt: number): void;
}

export interface MetricsOptions {
  registry: Registry;
  /** Monotonic ms (performance.now): when a scrape looks at the heartbeating statuses. */
  now: () => number;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

export function createRouterdMetrics({ registry, now }: MetricsOptions): RouterdMetrics {
  const registers = [registry];
  const pushes = new Counter({
    name: 'routerd_sync_target_pushes_total',
    help: 'Pushes (and handbacks) the syncer attempted to the target, counted from the new attempt times its status shows.',
    labelNames: TARGET_LABELS,
    registers,
  });
  const failures = new Counter({
    name: 'routerd_sync_target_push_failures_total',
    help: 'Failed pushes to the target by reason (PeerNotAnswering, CommandFailed, SplitBrain, Refused), from its consecutive failures.',
    labelNames: [...TARGET_LABELS, 'reason'],
    registers,
  });
  const lag = new Histogram({
    name: 'routerd_sync_target_lag_seconds',
    help: 'From a change of the source lease file to the successful push that carried it to the target, one sample per success.',
    labelNames: TARGET_LABELS,
    buckets: LAG_BUCKETS_S,
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'routerd_sync_target_last_success_timestamp_seconds',
    help: "The target's last successful push, Unix seconds (the syncer's wall clock).",
    labelNames: TARGET_LABELS,
    registers,
  });
  const targetPhase = new Gauge({
    name: 'routerd_sync_target_phase',
    help: 'The target phase: 1 for the phase it is in, 0 for the others.',
    labelNames: [...TARGET_LABELS, 'phase'],
    registers,
  });
  const merges = new Counter({
    name: 'routerd_sync_merges_total',
    help: "Pushes and handbacks the target's receiver merged into its lease file.",
    labelNames: TARGET_LABELS,
    registers,
  });
  const conflicts = new Counter({
    name: 'routerd_sync_conflicts_total',
    help: "Lease conflicts the target's receiver met in its merges (an address two clients held, both unexpired).",
    labelNames: TARGET_LABELS,
    registers,
  });
  const syncPhase = new Gauge({
    name: 'routerd_sync_phase',
    help: 'The lease sync phase: 1 for the phase it is in, 0 for the others.',
    labelNames: ['node', 'kind', 'sync', 'phase'],
    registers,
  });

  // The heartbeating statuses are set at scrape time: one that stopped arriving is unknown (3 missed heartbeats).
  const roles = new Map<string, { event: VipRoleEvent; receivedAt: number }>();
  const promotions = new Map<string, { status: PromotionStatus; receivedAt: number }>();
  new Gauge({
    name: 'routerd_vip_role',
    help: 'The role of the VirtualAddress on this node: 1 for its role, 0 for the others; "unknown" once 3 heartbeats were missed.',
    labelNames: ['node', 'vip', 'role'],
    registers,
    collect() {
      this.reset();
      const at = now();
      for (const { event, receivedAt } of roles.values()) {
        const role = at - receivedAt <= freshForMs(event.heartbeatMs) ? event.role : 'unknown';
        for (const each of VIRTUAL_ADDRESS_ROLES) this.set({ node: event.node, vip: event.name, role: each }, each === role ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'routerd_promotion_phase',
    help: 'The phase of the DHCPServerPromotion on this node: 1 for its phase, 0 for the others; "Unknown" once 3 heartbeats were missed.',
    labelNames: ['node', 'promotion', 'phase'],
    registers,
    collect() {
      this.reset();
      const at = now();
      for (const { status, receivedAt } of promotions.values()) {
        const phase = at - receivedAt <= freshForMs(status.heartbeatMs) ? status.phase : 'Unknown';
        for (const each of PROMOTION_PHASES) this.set({ node: status.node, promotion: status.name, phase: each }, each === phase ? 1 : 0);
      }
    },
  });

  const targets = new Map<string, SyncTargetStatus>();

  function target(status: SyncStatus, t: SyncTargetStatus): void {
    const labels = { node: status.node, kind: status.kind, sync: status.name, target: t.name };
    for (const phase of SYNC_PHASES) targetPhase.set({ ...labels, phase }, phase === t.phase ? 1 : 0);
    if (t.lastSuccessAt !== undefined) lastSuccess.set(labels, seconds(t.lastSuccessAt));
    const key = JSON.stringify(labels);
    const prev = targets.get(key);
    targets.set(key, t);
    if (prev === undefined) return;
    if (t.lastAttemptAt !== undefined && t.lastAttemptAt !== prev.lastAttemptAt) pushes.inc(labels);
    // Fewer than before: a success reset them (or the syncer restarted), so all of them are new.
    const failed = t.consecutiveFailures >= prev.consecutiveFailures ? t.consecutiveFailures - prev.consecutiveFailures : t.consecutiveFailures;
    if (failed > 0) failures.inc({ ...labels, reason: t.reason ?? 'Unknown' }, failed);
    if (t.lastSuccessAt !== undefined && t.lastSuccessAt !== prev.lastSuccessAt && t.lagMs !== undefined) lag.observe(labels, t.lagMs / 1000);
    const merge = t.lastMerge;
    if (merge !== undefined && merge.at !== prev.lastMerge?.at) {
      merges.inc(labels);
      const count = merge.conflictCount ?? merge.conflicts.length;
      if (count > 0) conflicts.inc(labels, count);
    }
  }

  return {
    sync(status) {
      for (const phase of SYNC_PHASES) syncPhase.set({ node: status.node, kind: status.kind, sync: status.name, phase }, phase === status.phase ? 1 : 0);
      for (const t of status.targets) target(status, t);
    },
    vip(event, receivedAt) {
      roles.set(`${event.node}/${event.name}`, { event, receivedAt });
    },
    promotion(status, receivedAt) {
      promotions.set(`${status.node}/${status.name}`, { status, receivedAt });
    },
  };
}
