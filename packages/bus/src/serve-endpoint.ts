// The one way an agent answers its endpoint: the request is decoded with the endpoint's schema (an
// empty body is {}), the not-found rule picks the items, and the reply is checked against its schema
// before it is sent. A bad request is a 400, a missing resource a 404, a reply that breaks the
// contract (an agent bug) a 500 and never a success.
import { errorMessage } from '@routerd/model';
import type { NatsConnection, Service } from 'nats';
import { encode } from './codec.js';
import type { BusCounters } from './counters.js';
import { decodeRequest, SERVICE_VERSION, selectItems, type Endpoint, type EndpointItem } from './endpoint.js';
import { ResourceNotFoundError } from './endpoint-errors.js';
import type { BadMessageError } from './errors.js';

/** The logging serveEndpoint needs; pino's Logger fits it. */
export interface EndpointLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ServeOptions<Item> {
  node: string;
  /** Every item the agent has now; the request picks among them. */
  items: () => readonly Item[];
  log: EndpointLog;
  /** What `nats micro stats` shows for the service. */
  stats?: () => unknown;
  /** Counts each bad request with the agent's bus counters. */
  counters?: Pick<BusCounters, 'countBad'>;
}

/** A reply body, or the service error to answer with. */
export type EndpointAnswer =
  | { ok: true; data: Uint8Array }
  | { ok: false; code: 400; message: string; error: BadMessageError }
  | { ok: false; code: 404 | 500; message: string; error: unknown };

/** The answer to one request body; `items` is read only for a valid request. */
export function answerRequest<E extends Endpoint>(endpoint: E, node: string, data: Uint8Array | string, items: () => readonly EndpointItem<E>[]): EndpointAnswer {
  const subject = endpoint.subject(node);
  const request = decodeRequest(endpoint, data, subject);
  if (!request.ok) return { ok: false, code: 400, message: request.error.message, error: request.error };
  try {
    const selected = selectItems(endpoint, node, items(), request.value);
    return { ok: true, data: encode(endpoint.response, { type: endpoint.type, node, items: selected }, subject) };
  } catch (error) {
    return { ok: false, code: error instanceof ResourceNotFoundError ? 404 : 500, message: errorMessage(error), error };
  }
}

/** Adds the agent's service with this one endpoint (`nats micro ls` lists it) and answers it until the service stops. */
export async function serveEndpoint<E extends Endpoint>(nc: Pick<NatsConnection, 'services'>, endpoint: E, options: ServeOptions<EndpointItem<E>>): Promise<Service> {
  const { node, items, log, stats, counters } = options;
  const subject = endpoint.subject(node);
  const service = await nc.services.add({
    name: endpoint.service,
    version: SERVICE_VERSION,
    description: endpoint.serviceDescription,
    metadata: { node },
    ...(stats === undefined ? {} : { statsHandler: () => Promise.resolve(stats()) }),
  });
  service.addGroup(endpoint.group(node)).addEndpoint(endpoint.name, {
    metadata: { description: endpoint.description },
    handler: (error, msg) => {
      if (error !== null) {
        log.error({ err: error, subject }, `the ${endpoint.type} endpoint failed: ${error.message}`);
        return;
      }
      const answer = answerRequest(endpoint, node, msg.data, items);
      if (answer.ok) {
        msg.respond(answer.data);
        return;
      }
      if (answer.code === 400) {
        counters?.countBad(subject, answer.error);
        log.warn({ subject }, answer.message);
      } else if (answer.code === 500) {
        log.error({ subject, err: answer.error }, `answering ${subject} failed: ${answer.message}`);
      }
      msg.respondError(answer.code, answer.message);
    },
  });
  return service;
}
