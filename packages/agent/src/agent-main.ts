// What an agent's main.ts calls: parse the command line and the environment, build the logger, run until a signal.

import { UsageError } from '@routerd/model';
import { usage, type AgentFlags, type NoFlags } from './flags.js';
import { createLogger, type LoggerOptions } from './logger.js';
import { NatsCredentialError, readNatsCredential, type NatsCredential } from './nats-credential.js';
import { parseAgentOptions, type Env } from './options.js';
import { runAgent, type SignalSource, type StartAgent } from './run-agent.js';

/** An agent as its systemd unit runs it: its bin name, the flags it takes besides the common ones, its start. */
export interface AgentDefinition<F extends AgentFlags = NoFlags> {
  /** The bin name, e.g. "routerd-syncer": the logs' `agent`, the usage line, the prefix of usage errors. */
  name: string;
  /** The agent's own flags, by name without the dashes; it receives them parsed in `context.flags`. */
  flags?: F;
  start: StartAgent<F>;
}

export interface AgentMainIO {
  argv: readonly string[];
  env: Env;
  hostname: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  signals: SignalSource;
  /** Log destination; stdout when absent. */
  logDestination?: LoggerOptions['destination'];
}

/**
 * Resolves with the exit code: 0 after a clean stop or --help, 1 when the configuration is invalid or the
 * agent failed to stop, 2 on a usage error or a NATS credential that cannot be read. main.ts: `agentMain(...).then((code) => process.exit(code), ...)`.
 */
export async function agentMain<F extends AgentFlags = NoFlags>(agent: AgentDefinition<F>, io: AgentMainIO): Promise<number> {
  const { name, flags, start } = agent;
  let parsed;
  try {
    parsed = parseAgentOptions(io.argv, io.env, io.hostname, flags);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${name}: ${error.message}\n\n${usage(name, flags)}`);
    return 2;
  }
  if (parsed.type === 'help') {
    io.stdout.write(usage(name, flags));
    return 0;
  }
  const { options } = parsed;
  let credential: NatsCredential | undefined;
  if (options.natsCreds !== undefined) {
    try {
      credential = await readNatsCredential(options.natsCreds);
    } catch (error) {
      if (!(error instanceof NatsCredentialError)) throw error;
      io.stderr.write(`${name}: ${error.message}\n`);
      return 2;
    }
  }
  const log = createLogger({
    name,
    node: options.node,
    ...(io.logDestination === undefined ? {} : { destination: io.logDestination }),
  });
  return runAgent({ name, options, flags: parsed.flags, env: io.env, dirs: parsed.dirs, log, start, credential, signals: io.signals });
}
