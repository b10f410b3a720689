// pino JSON lines on stdout (journald keeps them), each with the agent and node. When stdout is the
// journal, each line starts with its syslog priority, `<4>{"level":"warn",...}`: journald strips the
// prefix and files the line at that priority (sd-daemon(3); SyslogLevelPrefix= is true by default,
// systemd.exec(5)), so `journalctl -p warning` shows warnings and errors only. Anywhere else (a
// terminal, a pipe, a file, a test's destination) the lines are plain JSON.
import { fstatSync } from 'node:fs';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };
export const LOG_LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** The syslog priority of each level, as sd-daemon(3) numbers them: 2 crit, 3 err, 4 warning, 6 info, 7 debug. */
export const SYSLOG_PRIORITY: Readonly<Record<Level, number>> = { fatal: 2, error: 3, warn: 4, info: 6, debug: 7, trace: 7 };

// pino writes the level first: the formatter below makes it `{"level":"<label>"`.
const LEADING_LEVEL = /^\{"level":"([a-z]+)"/;

/** The line with its level's `<N>` in front; a line that names no known level gets info's, journald's default. */
export function withSyslogPrefix(line: string): string {
  const label = LEADING_LEVEL.exec(line)?.[1];
  const priority = label !== undefined && Object.hasOwn(SYSLOG_PRIORITY, label) ? SYSLOG_PRIORITY[label as Level] : SYSLOG_PRIORITY.info;
  return `<${priority}>${line}`;
}

/**
 * Whether file descriptor `fd` is the journal stream systemd connected: JOURNAL_STREAM holds its "<dev>:<inode>",
 * to be compared with the fd's, since a child whose output was redirected inherits the variable (systemd.exec(5)).
 */
export function fdIsJournal(
  fd: number,
  journalStream = process.env['JOURNAL_STREAM'],
  stat: (fd: number) => { dev: bigint; ino: bigint } = (n) => fstatSync(n, { bigint: true }),
): boolean {
  if (journalStream === undefined || journalStream === '') return false;
  try {
    const { dev, ino } = stat(fd);
    return journalStream === `${dev}:${ino}`;
  } catch {
    return false;
  }
}

/** Every line of `text` with `<priority>` in front: journald reads the prefix per line. */
export function prefixLines(text: string, priority: number): string {
  return text.replace(/^(?=.)/gm, `<${priority}>`);
}

export interface LoggerOptions {
  /** The agent, e.g. "syncer": the `agent` field of every line. */
  name: string;
  node: string;
  level?: Level | 'silent';
  /** Where lines go; stdout when absent. */
  destination?: DestinationStream;
  /** `<N>` before each line (withSyslogPrefix); default: when the lines go to stdout and stdout is the journal. */
  syslogPrefix?: boolean;
}

export function createLogger({ name, node, level = 'info', destination, syslogPrefix }: LoggerOptions): Logger {
  const prefixed = syslogPrefix ?? (destination === undefined && fdIsJournal(1));
  const options = {
    level,
    base: { agent: name, node },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    ...(prefixed ? { hooks: { streamWrite: withSyslogPrefix } } : {}),
  };
  // Synchronous on stdout: an agent that exits right after logging (bad config, failed stop) keeps every line, in order.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}
