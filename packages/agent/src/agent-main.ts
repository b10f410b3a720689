// What an agent's main.ts calls: parse the command line and the environment, build the logger, run until a signal.

import { UsageError } from '@routerd/model';
import { usage, type AgentFlags, type NoFlags } from './flags.js';
import { createLogger, type LoggerOptions } from './logger.js';
import { NatsCredentialError, readNatsCredential, type NatsCredential } from './nats-credential.js';
import { parseAgentOptions, type Env } from './options.js';
import { EXIT_OPERATOR_FIX, runAgent, type SignalSource, type StartAgent } from './run-agent.js';
import { createServiceManager, type ServiceManagerDeps } from './service-manager.js';

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
  /** This process's pid (systemd's WATCHDOG_PID names the process the watchdog is for). */
  pid?: number;
  /** How systemd-notify is run; tests inject it. */
  notifyExec?: ServiceManagerDeps['exec'];
}

/**
 * Resolves with the exit code: 0 after a clean stop or --help, 1 when the agent failed (its connection closed,
 * its stop failed), 2 (EXIT_OPERATOR_FIX) on a usage error, a NATS credential that cannot be read, or a
 * configuration that is invalid at start. main.ts: `agentMain(...).then((code) => process.exit(code), ...)`.
 */
export async function agentMain<F extends AgentFlags = NoFlags>(agent: AgentDefinition<F>, io: AgentMainIO): Promise<number> {
  const { name, flags, start } = agent;
  let parsed;
  try {
    parsed = parseAgentOptions(io.argv, io.env, io.hostname, flags);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${name}: ${error.message}\n\n${usage(name, flags)}`);
    return EXIT_OPERATOR_FIX;
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
      return EXIT_OPERATOR_FIX;
    }
  }
  const log = createLogger({
    name,
    node: options.node,
    level: options.logLevel ?? 'info',
    ...(io.logDestination === undefined ? {} : { destination: io.logDestination }),
  });
  const serviceManager = createServiceManager({ env: io.env, pid: io.pid ?? process.pid, log, ...(io.notifyExec === undefined ? {} : { exec: io.notifyExec }) });
  return runAgent({ name, options, flags: parsed.flags, env: io.env, dirs: parsed.dirs, log, start, credential, signals: io.signals, serviceManager });
}
