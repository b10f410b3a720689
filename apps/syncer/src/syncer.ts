// The syncer: one SyncController per lease-sync resource, fed by vip and lease events from the bus,
// publishing each status change and answering status requests (NATS services API).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createBusCounters,
  leaseFileEventSchema,
  leaseWildcard,
  promotionStatusSchema,
  promotionWildcard,
  serveEndpoint,
  subscribeValidated,
  syncerStatusEndpoint,
  vipRoleEventSchema,
  vipWildcard,
  type BusCounters,
  type BusProblem,
  type LeaseFileEvent,
  type SyncStatus,
  type ValidatedSubscription,
} from '@routerd/bus';
import { errorMessage, evaluateWhen, planSyncs, promotedServers, sshControlDir, type RouterConfig, type RuntimeDirs, type SyncJob } from '@routerd/model';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { hostMonotonicMs, runCommand, systemClock, type BackoffPolicy, type RunCommand } from '@routerd/agent';
import { createBusInputs } from './bus-inputs.js';
import { createSourceReader } from './read-source.js';
import { StatusCache } from './status-cache.js';
import { closeMasters, closeStaleMaster } from './ssh-masters.js';
import { createStaging, type Staging } from './staging.js';
import { expressible, toSyncStatus } from './status.js';
import { createReconcilePublisher } from './reconcile-publisher.js';
import { createStatusPublisher, type Published } from './status-publisher.js';
import { SyncController, type SourceHint } from './sync-controller.js';
import { HandbackRegistry } from './handback-registry.js';
import type { PushTrace } from './push-trace.js';
import type { SyncerClock } from './target-worker.js';

/** A failing target is retried after 1 s, doubling up to a minute. */
export const SYNC_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };

/** Backstop for the evaluator; the role cache's heartbeat bound is what normally marks a role stale. */
const FRESH_FOR_MS = 60_000;

export interface SyncerDeps {
  nc: NatsConnection;
  node: string;
  config: RouterConfig;
  dirs: RuntimeDirs;
  log: Logger;
  run?: RunCommand;
  /** Monotonic for staleness, `when` durations, backoff and lag; wall only for the times published. */
  clock?: SyncerClock;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** How long a demoted node waits for its DHCP server to report Stopped before the handback; default 10 s. */
  handbackWaitMs?: number;
}

export interface Syncer {
  reload(config: RouterConfig): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once the subscription loops have handled what the drain delivered. */
  drained(): Promise<void>;
  statuses(): SyncStatus[];
  counters: BusCounters;
}

interface Running {
  job: SyncJob;
  controller: SyncController;
  staging: Staging;
  published: Published;
}

export async function createSyncer(deps: SyncerDeps): Promise<Syncer> {
  const { nc, node, dirs, log } = deps;
  const run = deps.run ?? runCommand;
  const clock = deps.clock ?? systemClock;
  const monotonic = () => clock.monotonic();
  const random = deps.random ?? Math.random;
  const backoff = deps.backoff ?? SYNC_BACKOFF;
  const statusCache = new StatusCache(clock);
  // A status that stops being refreshed must close the gates when it turns stale, without a new
  // event: one timer per status, re-armed by each heartbeat (no polling).
  const staleTimers = new Map<string, NodeJS.Timeout>();
  const gatesChanged = () => {
    for (const entry of running.values()) entry.controller.gateChanged();
  };
  const armStale = (kind: string, name: string) => {
    const key = `${kind}/${name}`;
    clearTimeout(staleTimers.get(key));
    const at = statusCache.staleAt(kind, name);
    if (at === undefined) return;
    const fire = () => {
      // Node fires timers on its loop's cached time, which can trail the monotonic clock: a status
      // still fresh is looked at again for the rest, else it would stay "fresh" with no timer left.
      if (monotonic() <= at) staleTimers.set(key, setTimeout(fire, at - monotonic() + 1));
      else gatesChanged();
    };
    staleTimers.set(key, setTimeout(fire, Math.max(0, at - monotonic()) + 1));
  };
  const counters = createBusCounters();
  const running = new Map<string, Running>();
  // Two syncs of one lease file to one peer (DHCPv4 and DHCPv6 of one dnsmasq) hand it back once.
  const handbackRegistry = new HandbackRegistry();
  const trace: PushTrace | undefined = log.isLevelEnabled('debug') ? (what, fields) => log.debug({ profile: fields }, `profile: ${what}`) : undefined;

  // Without it ssh reuses no connection and each target says why; the syncer itself runs on.
  await mkdir(sshControlDir(dirs), { recursive: true, mode: 0o700 }).catch((error: unknown) => log.warn({ err: error }, `cannot create the ssh control directory: ${errorMessage(error)}`));

  const publishStatus = createStatusPublisher({ nc, node, log });
  const publishNote = createReconcilePublisher({ nc, node, log });
  const publish = (entry: Running) => publishStatus(entry.job, toSyncStatus(entry.job, node, entry.controller.status, clock.wall()), entry.published);
  const closeStale = async (target: SyncJob['targets'][number]) => {
    const { ended, detail } = await closeStaleMaster(target, run);
    // Ending a wedged master is news; finding none (ssh's keepalive already ended it) is not.
    log[ended ? 'warn' : 'debug']({ target: target.name, host: target.host }, `closing the ssh master of ${target.name}: ${detail}`);
  };

  let current = deps.config;
  // Without a promotion of the source there is no server to wait for before the handback.
  const promoted = (source: SyncJob['source']) =>
    current.resources.some((r) => r.kind === 'DHCPServerPromotion' && promotedServers(r.spec, current.resources).some((s) => s.kind === source.kind && s.name === source.name));

  const startJob = (job: SyncJob) => {
    const phaseKey = { kind: job.source.kind, name: job.source.name, field: 'phase' };
    const staging = createStaging(join(dirs.runtimeDir, 'syncer', `${job.kind}.${job.name}`));
    const entry = { job, staging, published: {} } as Running;
    staging.prepare().then(
      (repairs) => repairs.forEach((repair) => log.warn({ sync: job.id }, `staging area of ${job.id}: ${repair}`)),
      // stage() tries again and the sync's status carries the error.
      (error: unknown) => log.warn({ sync: job.id, err: error }, `staging area of ${job.id}: ${errorMessage(error)}`),
    );
    entry.controller = new SyncController({
      job,
      gate: () => evaluateWhen(job.when, statusCache.lookup, { now: monotonic(), freshFor: FRESH_FOR_MS }),
      readSource: createSourceReader(job, staging),
      hold: (sha) => staging.hold(sha),
      release: (sha) => staging.release(sha),
      run,
      closeStaleMaster: closeStale,
      clock,
      random,
      backoff,
      onChange: () => publish(entry),
      onNote: (note) => publishNote(job, note),
      serverStopped: () => !promoted(job.source) || statusCache.lookup(phaseKey)?.value === 'Stopped',
      handbackRegistry,
      ...(trace === undefined ? {} : { trace }),
      ...(deps.handbackWaitMs === undefined ? {} : { handbackWaitMs: deps.handbackWaitMs }),
    });
    running.set(job.id, entry);
    entry.controller.start();
    log.info({ sync: job.id, source: job.source.path, targets: job.targets.map((t) => t.name), when: job.whenText }, `${job.id} started`);
  };

  const stopJob = async (entry: Running) => {
    running.delete(entry.job.id);
    await entry.controller.stop();
    await closeMasters(entry.job.targets, run);
    await entry.staging.clear().catch((error: unknown) => log.warn({ sync: entry.job.id, err: error }, errorMessage(error)));
  };

  const plan = (config: RouterConfig) => planSyncs(config, { dirs });
  for (const job of plan(deps.config)) startJob(job);

  const inputs = createBusInputs({
    node,
    config: () => current,
    clock,
    log,
    counters,
    statusCache,
    statusChanged: (keys) => {
      for (const key of keys) armStale(key.kind, key.name);
      gatesChanged();
    },
    leaseChanged: (event) => {
      if (trace !== undefined && event.sha256 !== undefined) trace('lease event', { sha256: event.sha256, receivedAt: hostMonotonicMs() });
      for (const entry of running.values()) {
        const { source } = entry.job;
        // The change time is taken here, on our monotonic clock: the event's observedAt is another
        // process's wall clock, which a step (or a forged event) would turn into a negative lag.
        if (source.kind === event.kind && source.name === event.name) entry.controller.trigger('change', monotonic(), hintOf(event));
      }
    },
  });
  const onBad = (problem: BusProblem) => inputs.report(problem);
  const subscriptions: ValidatedSubscription[] = [
    subscribeValidated(nc, vipWildcard(node), vipRoleEventSchema, { counters, onBad, onMessage: (event, msg) => inputs.role(event, msg.subject) }),
    subscribeValidated(nc, promotionWildcard(node), promotionStatusSchema, { counters, onBad, onMessage: (status, msg) => inputs.promotion(status, msg.subject) }),
    subscribeValidated(nc, leaseWildcard(node), leaseFileEventSchema, { counters, onBad, onMessage: (event, msg) => inputs.lease(event, msg.subject) }),
  ];

  const service = await serveEndpoint(nc, syncerStatusEndpoint, { node, log, items: statuses, counters, stats: () => ({ bus: counters.snapshot() }) });

  function statuses(): SyncStatus[] {
    return [...running.values()].map((entry) => expressible(toSyncStatus(entry.job, node, entry.controller.status, clock.wall())).status);
  }

  return {
    counters,
    statuses,
    async drained() {
      await Promise.all(subscriptions.map((sub) => sub.done));
    },
    async reload(config) {
      const next = new Map(plan(config).map((job) => [job.id, job]));
      current = config;
      for (const entry of [...running.values()]) {
        const job = next.get(entry.job.id);
        if (job && JSON.stringify(job) === JSON.stringify(entry.job)) next.delete(job.id);
        else await stopJob(entry);
      }
      for (const job of next.values()) startJob(job);
    },
    async stop() {
      for (const timer of staleTimers.values()) clearTimeout(timer);
      for (const sub of subscriptions) sub.subscription.unsubscribe();
      await service.stop().catch((error: unknown) => log.warn({ err: error }, 'stopping the status service failed'));
      await Promise.all([...running.values()].map(stopJob));
    },
  };
}

/** The watcher's stable read, when the event carries one. */
function hintOf(event: LeaseFileEvent): SourceHint | undefined {
  const { parsed, sha256, size, mtimeMs } = event;
  return parsed && sha256 !== undefined && size !== undefined && mtimeMs !== undefined ? { sha256, size, mtimeMs } : undefined;
}
