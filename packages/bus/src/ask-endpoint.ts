// The one way to ask an agent's endpoint (routerctl, tests, tools): the request is checked against
// the endpoint's schema, the reply decoded with it, and every way it can fail is its own error.
import { errorMessage, formatDuration } from '@routerd/model';
import type { Msg } from 'nats';
import { encode } from './codec.js';
import { decodeReply, describeFilter, type Endpoint, type EndpointItem, type EndpointRequest } from './endpoint.js';
import { BadReplyError, NoResponderError, RequestFailedError, RequestTimeoutError, ResourceNotFoundError, ServiceReplyError } from './endpoint-errors.js';

const ERROR_CODE_HEADER = 'Nats-Service-Error-Code';
const ERROR_HEADER = 'Nats-Service-Error';

/** The part of a NATS connection asking needs (a `NatsConnection` is one). */
export interface Requester {
  request(subject: string, payload: Uint8Array, options: { timeout: number }): Promise<Pick<Msg, 'data' | 'headers'>>;
}

export interface AskOptions<E extends Endpoint> {
  node: string;
  request: EndpointRequest<E>;
  timeoutMs: number;
}

/** Sends the request; a failure is ResourceNotFoundError (404) or an AskError naming the subject and the agent. */
export async function askEndpoint<E extends Endpoint>(nc: Requester, endpoint: E, { node, request, timeoutMs }: AskOptions<E>): Promise<EndpointItem<E>[]> {
  const subject = endpoint.subject(node);
  const payload = encode(endpoint.request, request, subject);
  const hint = `is ${endpoint.service} running on node ${node}?`;
  let reply;
  try {
    reply = await nc.request(subject, payload, { timeout: timeoutMs });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '503') throw new NoResponderError(subject, `no responders on ${subject}: ${hint}`, { cause: error });
    if (code === 'TIMEOUT') throw new RequestTimeoutError(subject, `no answer on ${subject} within ${formatDuration(timeoutMs)}: ${hint}`, { cause: error });
    throw new RequestFailedError(subject, `request on ${subject} failed: ${errorMessage(error)}; ${hint}`, { cause: error });
  }
  const who = `${endpoint.service} on node ${node}`;
  const codeText = reply.headers?.get(ERROR_CODE_HEADER) ?? '';
  if (codeText !== '') {
    const code = Number(codeText);
    if (!Number.isInteger(code)) throw new BadReplyError(subject, `${who} answered ${subject} with a bad error code ${JSON.stringify(codeText)}`);
    if (code === 404) throw new ResourceNotFoundError(describeFilter(endpoint, request), node);
    const message = reply.headers?.get(ERROR_HEADER) ?? '';
    throw new ServiceReplyError(subject, code, `${who} answered ${subject} with error ${code}: ${message || '(no message)'}`);
  }
  const decoded = decodeReply(endpoint, reply.data, subject);
  if (!decoded.ok) throw new BadReplyError(subject, `${who} sent a reply that breaks the contract: ${decoded.error.message}`, { cause: decoded.error });
  return decoded.value.items;
}
