// A request to an agent's services API endpoint, with every way it can fail named for the operator.
import { formatDuration, errorMessage } from '@routerd/model';
import type { LiveConnection } from './deps.js';
import { AgentReplyError, AgentUnavailableError } from './errors.js';

const ERROR_CODE_HEADER = 'Nats-Service-Error-Code';
const ERROR_HEADER = 'Nats-Service-Error';

export interface AskOptions {
  subject: string;
  /** The services API name of the agent that should answer ("routerd-syncer"). */
  agent: string;
  node: string;
  body: unknown;
  timeoutMs: number;
}

/** What an agent answered: its reply, or a service error (`respondError`). */
export type Answer = { ok: true; data: Uint8Array } | { ok: false; code: number; message: string };

/** Sends the request; throws AgentUnavailableError naming the subject and the agent when nobody answers. */
export async function ask(nc: LiveConnection, { subject, agent, node, body, timeoutMs }: AskOptions): Promise<Answer> {
  const hint = `is ${agent} running on node ${node}?`;
  let reply;
  try {
    reply = await nc.request(subject, new TextEncoder().encode(JSON.stringify(body)), { timeout: timeoutMs });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '503') throw new AgentUnavailableError(`no responders on ${subject}: ${hint}`, { cause: error });
    if (code === 'TIMEOUT') throw new AgentUnavailableError(`no answer on ${subject} within ${formatDuration(timeoutMs)}: ${hint}`, { cause: error });
    const message = errorMessage(error);
    throw new AgentUnavailableError(`request on ${subject} failed: ${message}; ${hint}`, { cause: error });
  }
  const codeText = reply.headers?.get(ERROR_CODE_HEADER) ?? '';
  if (codeText === '') return { ok: true, data: reply.data };
  const code = Number(codeText);
  if (!Number.isInteger(code)) throw new AgentReplyError(`${agent} on node ${node} answered ${subject} with a bad error code ${JSON.stringify(codeText)}`);
  return { ok: false, code, message: reply.headers?.get(ERROR_HEADER) ?? '' };
}

/** A service error other than the ones the caller handles, as an AgentReplyError. */
export function unexpected(answer: { code: number; message: string }, agent: string, node: string, subject: string): AgentReplyError {
  return new AgentReplyError(`${agent} on node ${node} answered ${subject} with error ${answer.code}: ${answer.message || '(no message)'}`);
}
