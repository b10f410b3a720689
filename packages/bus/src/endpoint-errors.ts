// How a request to an agent's endpoint fails, one class per way. Each message names the subject or
// the resource, and what to check.
import { BusError } from './errors.js';

/** The request names a resource the agent does not have (reply 404). `known` is listed on the agent's side. */
export class ResourceNotFoundError extends Error {
  override name = 'ResourceNotFoundError';
  constructor(
    /** "Kind/name" as asked, e.g. "VirtualAddress/lan-vip". */
    readonly resource: string,
    readonly node: string,
    known?: readonly string[],
  ) {
    super(`no ${resource} on node ${node}${known === undefined ? '' : `; known: ${known.length === 0 ? 'none' : known.join(', ')}`}`);
  }
}

/** Asking an endpoint failed; the subclass says how. */
export class AskError extends BusError {
  override name = 'AskError';
}

/** Nobody serves the subject: the agent is not running on that node (NATS 503). */
export class NoResponderError extends AskError {
  override name = 'NoResponderError';
}

/** No answer came within the timeout. */
export class RequestTimeoutError extends AskError {
  override name = 'RequestTimeoutError';
}

/** The request could not be sent or answered for another reason (e.g. the connection closed). */
export class RequestFailedError extends AskError {
  override name = 'RequestFailedError';
}

/** The agent answered with a service error other than 404 (a 400 or a 500); `code` is it. */
export class ServiceReplyError extends AskError {
  override name = 'ServiceReplyError';
  constructor(
    subject: string,
    readonly code: number,
    message: string,
  ) {
    super(subject, message);
  }
}

/** The reply breaks the contract: a body that does not match the reply schema, or an error code that is no number. */
export class BadReplyError extends AskError {
  override name = 'BadReplyError';
}
