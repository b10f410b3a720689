// The exporter: the statuses of this node's bus, checked for meaning, into the metrics; the metrics on
// loopback. It publishes nothing on the bus (its identity may not).
import {
  createBusCounters,
  createMeaningGuard,
  createRateLimitedReport,
  promotionStatusSchema,
  promotionWildcard,
  subscribeValidated,
  syncStatusSchema,
  syncWildcard,
  vipRoleEventSchema,
  vipWildcard,
  type BusCounters,
  type BusProblem,
  type ValidatedSubscription,
} from '@routerd/bus';
import type { RouterConfig } from '@routerd/model';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { serveMetrics, type MetricsEndpoint } from './http-endpoint.js';
import type { ListenAddress } from './listen.js';
import { createRouterdMetrics } from './metrics.js';

export interface ExporterDeps {
  nc: NatsConnection;
  node: string;
  config: RouterConfig;
  log: Logger;
  listen: ListenAddress;
  /** Monotonic ms; performance.now by default. */
  now?: () => number;
  /** Wall ms; Date.now by default. */
  wallNow?: () => number;
}

export interface MetricsExporter {
  endpoint: MetricsEndpoint;
  registry: Registry;
  counters: BusCounters;
  reload(config: RouterConfig): void;
  stop(): Promise<void>;
  drained(): Promise<void>;
}

export async function createMetricsExporter(deps: ExporterDeps): Promise<MetricsExporter> {
  const { nc, node, log } = deps;
  const now = deps.now ?? (() => performance.now());
  const wallNow = deps.wallNow ?? Date.now;
  let config = deps.config;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'routerd_metrics_exporter_' });
  const metrics = createRouterdMetrics({ registry, now });
  const counters = createBusCounters();
  const report = createRateLimitedReport({
    now,
    log: (problem, suppressed) => log.warn({ err: problem, suppressed }, suppressed === 0 ? problem.message : `${problem.message} (${suppressed} more like it not logged)`),
  });
  const meaningful = createMeaningGuard({ node, config: () => config, wallNow, counters, report });
  const onBad = (problem: BusProblem) => report(problem);
  const endpoint = await serveMetrics(registry, deps.listen, (error) => log.error({ err: error }, 'collecting the metrics failed'));
  const subscriptions: ValidatedSubscription[] = [
    subscribeValidated(nc, syncWildcard(node), syncStatusSchema, { counters, onBad, onMessage: (status, msg) => void (meaningful(msg.subject, status) && metrics.sync(status)) }),
    subscribeValidated(nc, vipWildcard(node), vipRoleEventSchema, { counters, onBad, onMessage: (event, msg) => void (meaningful(msg.subject, event) && metrics.vip(event, now())) }),
    subscribeValidated(nc, promotionWildcard(node), promotionStatusSchema, {
      counters,
      onBad,
      onMessage: (status, msg) => void (meaningful(msg.subject, status) && metrics.promotion(status, now())),
    }),
  ];
  log.info({ listen: `${endpoint.address.host}:${endpoint.address.port}` }, `metrics at http://${endpoint.address.host.includes(':') ? `[${endpoint.address.host}]` : endpoint.address.host}:${endpoint.address.port}/metrics`);
  return {
    endpoint,
    registry,
    counters,
    reload(next) {
      config = next;
    },
    async stop() {
      for (const sub of subscriptions) sub.subscription.unsubscribe();
      await endpoint.close();
    },
    async drained() {
      await Promise.all(subscriptions.map((sub) => sub.done));
    },
  };
}
