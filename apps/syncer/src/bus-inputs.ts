// What the syncer takes from the bus, checked for meaning first: the roles and promotion phases its
// gates read, and the lease-file changes it acts on. A message about another node, a resource not in
// its configuration, a heartbeat over the maximum or a time out of the window changes nothing; it is
// counted and logged at most once per rate window per subject and reason, as a bad shape is.
import { createMeaningGuard, createRateLimitedReport, type BusCounters, type BusError, type LeaseFileEvent, type PromotionStatus, type VipRoleEvent } from '@routerd/bus';
import type { RouterConfig } from '@routerd/model';
import type { Logger } from 'pino';
import type { StatusCache } from './status-cache.js';
import type { SyncerClock } from './target-worker.js';

export interface BusInputDeps {
  node: string;
  /** The configuration in force (it changes on reload). */
  config: () => RouterConfig;
  clock: SyncerClock;
  log: Pick<Logger, 'info' | 'warn'>;
  counters: BusCounters;
  statusCache: StatusCache;
  /** A status the gates read was recorded for kind/name: re-arm its stale timer and re-evaluate. */
  statusChanged: (keys: readonly { kind: string; name: string }[]) => void;
  /** A settled lease file changed: trigger the syncs of its source. */
  leaseChanged: (event: LeaseFileEvent) => void;
}

export interface BusInputs {
  role(event: VipRoleEvent, subject: string): void;
  promotion(status: PromotionStatus, subject: string): void;
  lease(event: LeaseFileEvent, subject: string): void;
  /** Logs a problem at most once per rate window per subject and reason. */
  report(problem: BusError): void;
}

export function createBusInputs(deps: BusInputDeps): BusInputs {
  const { node, clock, log, statusCache } = deps;
  const report = createRateLimitedReport({
    now: () => clock.monotonic(),
    log: (problem, suppressed) => log.warn({ err: problem, suppressed }, suppressed === 0 ? problem.message : `${problem.message} (${suppressed} more like it not logged)`),
  });
  const meaningful = createMeaningGuard({ node, config: deps.config, wallNow: () => clock.wall(), counters: deps.counters, report });
  return {
    report,
    role(event, subject) {
      if (!meaningful(subject, event)) return;
      if (statusCache.updateVip(event)) log.info({ vip: event.name, role: event.role }, `role of ${event.name}: ${event.role}`);
      deps.statusChanged([{ kind: 'VirtualAddress', name: event.name }]);
    },
    promotion(status, subject) {
      if (!meaningful(subject, status)) return;
      if (statusCache.updatePromotion(status)) log.info({ promotion: status.name, phase: status.phase }, `DHCP server of ${status.name}: ${status.phase}`);
      deps.statusChanged(status.servers);
    },
    lease(event, subject) {
      if (!meaningful(subject, event)) return;
      // A torn read is not a change to ship: the watcher publishes again once the file is whole.
      if (event.exists && !event.parsed) return;
      deps.leaseChanged(event);
    },
  };
}
