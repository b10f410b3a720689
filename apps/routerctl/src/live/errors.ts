// Failures of the live commands, each carrying its exit code (cli.ts writes the message and exits with it).
import { EXIT_AGENT_UNAVAILABLE, EXIT_BUS_UNREACHABLE, EXIT_INVALID, EXIT_USAGE } from '../exit-codes.js';

/** A live command failed; `exitCode` is what routerctl exits with. */
export class LiveError extends Error {
  override name = 'LiveError';
  readonly exitCode: number;

  constructor(message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** No NATS server answered at the URL, or the connection was lost (exit 3). */
export class NatsUnreachableError extends LiveError {
  override name = 'NatsUnreachableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_BUS_UNREACHABLE, options);
  }
}

/** routerctl's credential cannot be read, or the server refused it or its absence (exit 2). */
export class NatsCredentialsError extends LiveError {
  override name = 'NatsCredentialsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_USAGE, options);
  }
}

/** NATS is up but the agent that owns the subject did not answer: no responders or a timeout (exit 4). */
export class AgentUnavailableError extends LiveError {
  override name = 'AgentUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_AGENT_UNAVAILABLE, options);
  }
}

/** The agent answered with an error other than 404, or with a reply that breaks the contract (exit 4). */
export class AgentReplyError extends LiveError {
  override name = 'AgentReplyError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_AGENT_UNAVAILABLE, options);
  }
}

/** The agent does not know the object asked for (exit 1). */
export class NotFoundError extends LiveError {
  override name = 'NotFoundError';

  constructor(message: string) {
    super(message, EXIT_INVALID);
  }
}
