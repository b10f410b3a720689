// pino JSON lines on stdout (journald keeps them), each with the agent and node.
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };
export const LOG_LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

export interface LoggerOptions {
  /** The agent, e.g. "syncer": the `agent` field of every line. */
  name: string;
  node: string;
  level?: Level | 'silent';
  /** Where lines go; stdout when absent. */
  destination?: DestinationStream;
}

export function createLogger({ name, node, level = 'info', destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { agent: name, node },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  // Synchronous on stdout: an agent that exits right after logging (bad config, failed stop) keeps every line, in order.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}
