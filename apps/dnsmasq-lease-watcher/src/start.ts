// The lease-watcher agent: publishes LeaseFileEvents on routerd.<node>.lease.<Kind>.<name> and answers the files endpoint.
import type { AgentContext, AgentHandle, StartAgent } from '@routerd/agent';
import { encode, leaseFileEventSchema, leaseSubject, type LeaseFileEvent } from '@routerd/bus';
import { errorMessage } from '@routerd/model';
import { Events, type NatsConnection } from 'nats';
import { addFilesService } from './files-service.js';
import { createLeaseWatcher } from './lease-watcher.js';
import type { WatchTimings } from './timings.js';

export const AGENT_NAME = 'routerd-lease-watcher';

export interface StartDeps {
  now?: () => number;
  timings?: Partial<WatchTimings>;
}

/** Publishes one event on its source's subject, validated first. */
export function publisher(nc: Pick<NatsConnection, 'publish'>, node: string): (event: LeaseFileEvent) => void {
  return (event) => {
    const subject = leaseSubject(node, event.kind, event.name);
    nc.publish(subject, encode(leaseFileEventSchema, event, subject));
  };
}

/** The StartAgent runAgent calls. */
export function leaseWatcherAgent(deps: StartDeps = {}): StartAgent {
  return (context) => startLeaseWatcher(context, deps);
}

export async function startLeaseWatcher(context: AgentContext, deps: StartDeps = {}): Promise<AgentHandle> {
  const { nc, node, config, log, dirs, defer } = context;
  const watcher = createLeaseWatcher({
    node,
    config,
    dirs,
    publish: publisher(nc, node),
    log,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.timings === undefined ? {} : { timings: deps.timings }),
  });
  await watcher.start();
  defer(() => watcher.stop());
  const service = await addFilesService({ nc, node, log, current: () => watcher.current() });
  defer(() => service.stop());

  // A restarted nats-server has no memory of what was said: say it again.
  const statuses = nc.status();
  const watchingStatus = (async () => {
    for await (const status of statuses) {
      if (status.type === Events.Reconnect) watcher.announce();
    }
  })().catch((error: unknown) => log.error({ err: error }, `following the NATS status failed: ${errorMessage(error)}`));
  defer(async () => {
    if ('stop' in statuses && typeof statuses.stop === 'function') statuses.stop();
    await watchingStatus;
  });

  return { reload: (next) => watcher.reload(next) };
}
