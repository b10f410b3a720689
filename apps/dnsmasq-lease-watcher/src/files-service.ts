// "What is the current state": the lease-watcher's endpoint `routerd.<node>.lease-watcher.files`
// (`nats micro ls`), served the one way @routerd/bus defines.
import { leaseWatcherFilesEndpoint, serveEndpoint, type LeaseFileEvent } from '@routerd/bus';
import type { NatsConnection, Service } from 'nats';
import type { WatchLog } from './log.js';

export interface FilesServiceOptions {
  nc: Pick<NatsConnection, 'services'>;
  node: string;
  log: WatchLog;
  current: () => LeaseFileEvent[];
}

export async function addFilesService({ nc, node, log, current }: FilesServiceOptions): Promise<Service> {
  return serveEndpoint(nc, leaseWatcherFilesEndpoint, { node, log, items: current });
}
