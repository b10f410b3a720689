// Answers `routerd.<node>.lease-watcher.files` through the NATS services API (`nats micro ls` finds it).
import {
  encode,
  LEASE_WATCHER_ENDPOINTS,
  LEASE_WATCHER_SERVICE_NAME,
  leaseWatcherFilesResponseSchema,
  leaseWatcherFilesSubject,
  leaseWatcherServicePrefix,
  type LeaseFileEvent,
} from '@routerd/bus';
import type { NatsConnection, Service, ServiceMsg } from 'nats';
import { FilesRequestError } from './errors.js';
import { decodeFilesRequest } from './files-api.js';
import type { WatchLog } from './log.js';
import { errorMessage } from '@routerd/model';

export const LEASE_WATCHER_SERVICE_VERSION = '0.1.0';

export interface FilesServiceOptions {
  nc: Pick<NatsConnection, 'services'>;
  node: string;
  log: WatchLog;
  current: () => LeaseFileEvent[];
}

/** Replies to one request: 400 for a bad request, 500 when the reply cannot be built. */
export function answerFilesRequest(msg: Pick<ServiceMsg, 'data' | 'respond' | 'respondError'>, options: Omit<FilesServiceOptions, 'nc'>): void {
  const { node, log, current } = options;
  const subject = leaseWatcherFilesSubject(node);
  try {
    const request = decodeFilesRequest(msg.data, subject);
    const events = current().filter((e) => (request.kind === undefined || e.kind === request.kind) && (request.name === undefined || e.name === request.name));
    msg.respond(encode(leaseWatcherFilesResponseSchema, { node, events }, subject));
  } catch (error) {
    const text = errorMessage(error);
    if (error instanceof FilesRequestError) {
      log.warn({ subject }, text);
      msg.respondError(400, text);
    } else {
      log.error({ subject, err: error }, `answering ${subject} failed: ${text}`);
      msg.respondError(500, text);
    }
  }
}

export async function addFilesService(options: FilesServiceOptions): Promise<Service> {
  const { nc, node, log } = options;
  const service = await nc.services.add({
    name: LEASE_WATCHER_SERVICE_NAME,
    version: LEASE_WATCHER_SERVICE_VERSION,
    description: 'The state of the lease files the lease syncs read.',
  });
  service.addGroup(leaseWatcherServicePrefix(node)).addEndpoint(LEASE_WATCHER_ENDPOINTS.files, {
    handler: (error, msg) => {
      if (error !== null) {
        log.error({ err: error }, `the ${LEASE_WATCHER_ENDPOINTS.files} endpoint failed: ${error.message}`);
        return;
      }
      answerFilesRequest(msg, options);
    },
    metadata: { description: 'The last LeaseFileEvent of every watched source; request {} or {"kind","name"}.' },
  });
  return service;
}
