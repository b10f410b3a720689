// What an agent's main.ts calls: parse the command line, build the logger, run until a signal.
import { UsageError } from './errors.js';
import { createLogger, type LoggerOptions } from './logger.js';
import { parseAgentOptions, usage } from './options.js';
import { runAgent, type SignalSource, type StartAgent } from './run-agent.js';

export interface AgentMainIO {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  hostname: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  signals: SignalSource;
  /** Log destination; stdout when absent. */
  logDestination?: LoggerOptions['destination'];
}

/**
 * Resolves with the exit code: 0 after a clean stop or --help, 1 when the configuration is invalid or the
 * agent failed to stop, 2 on a usage error. main.ts: `agentMain(...).then((code) => process.exit(code), ...)`.
 */
export async function agentMain(name: string, start: StartAgent, io: AgentMainIO): Promise<number> {
  let parsed;
  try {
    parsed = parseAgentOptions(io.argv, io.env, io.hostname);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${name}: ${error.message}\n\n${usage(name)}`);
    return 2;
  }
  if (parsed.type === 'help') {
    io.stdout.write(usage(name));
    return 0;
  }
  const log = createLogger({
    name,
    node: parsed.options.node,
    ...(io.logDestination === undefined ? {} : { destination: io.logDestination }),
  });
  return runAgent({ name, options: parsed.options, log, start, signals: io.signals });
}
