// Asking an agent's endpoint, the one way @routerd/bus defines, with each failure as routerctl's
// error for it: a 404 is "not found" (exit 1); an agent that does not answer, or answers wrongly, exit 4.
import { AskError, askEndpoint, BadReplyError, ResourceNotFoundError, ServiceReplyError, type AskOptions, type Endpoint, type EndpointItem } from '@routerd/bus';
import type { LiveConnection } from './deps.js';
import { AgentReplyError, AgentUnavailableError, NotFoundError } from './errors.js';

/** The items the agent answered; throws NotFoundError, AgentUnavailableError or AgentReplyError naming the subject and the agent. */
export async function ask<E extends Endpoint>(nc: LiveConnection, endpoint: E, options: AskOptions<E>): Promise<EndpointItem<E>[]> {
  try {
    return await askEndpoint(nc, endpoint, options);
  } catch (error) {
    if (error instanceof ResourceNotFoundError) throw new NotFoundError(error.message);
    if (error instanceof ServiceReplyError || error instanceof BadReplyError) throw new AgentReplyError(error.message, { cause: error });
    if (error instanceof AskError) throw new AgentUnavailableError(error.message, { cause: error });
    throw error;
  }
}
