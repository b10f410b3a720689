// A `command:` wrapper that counts rsync runs: it logs each invocation's start, end, exit code and
// rsync --stats totals to a file, then passes rsync's output and exit code through. Only bash
// builtins around rsync (EPOCHREALTIME, case, parameter expansion): the earlier POSIX sh version ran
// two `date` and four sed/tr processes per run, 10-30 ms on a busy 2-core machine, and a push was
// not over (for the syncer's one-in-flight rule, for (b)'s exit) until they had run.
import { BenchParseError } from './errors.js';

export interface RsyncRun {
  pid: number;
  /** Unix ms (the log holds µs). */
  startMs: number;
  endMs: number;
  exitCode: number;
  /** rsync --stats "Total bytes sent" / "received"; undefined when rsync printed no stats. */
  sent: number | undefined;
  received: number | undefined;
  destination: string;
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The wrapper script (bash); it runs `rsync` with `--stats` and appends one line per run to `logFile`. */
export function countingRsyncScript(rsync: string, logFile: string): string {
  for (const [name, value] of [['rsync', rsync], ['logFile', logFile]] as const) {
    if (!value.startsWith('/') || /[\n\0]/.test(value)) throw new BenchParseError(`Expected ${name} to be an absolute path, got ${JSON.stringify(value)}`);
  }
  return [
    '#!/bin/bash',
    '# routerd bench: counts rsync runs (pid, start and end in unix µs, exit, sent, received, destination), then passes rsync through.',
    'for last; do :; done',
    'start=${EPOCHREALTIME/./}',
    `out=$(${quote(rsync)} --stats "$@" 2>&1)`,
    'rc=$?',
    'end=${EPOCHREALTIME/./}',
    'sent=-; recv=-',
    'while IFS= read -r line; do',
    '  case $line in',
    "    'Total bytes sent: '*) sent=${line#Total bytes sent: }; sent=${sent//,/} ;;",
    "    'Total bytes received: '*) recv=${line#Total bytes received: }; recv=${recv//,/} ;;",
    '  esac',
    'done <<< "$out"',
    `printf '%s %s %s %s %s %s %s\\n' "$$" "$start" "$end" "$rc" "$sent" "$recv" "$last" >> ${quote(logFile)}`,
    `printf '%s\\n' "$out"`,
    'exit $rc',
    '',
  ].join('\n');
}

export function parseRsyncLog(text: string): RsyncRun[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      const match = /^(\d+) (\d+) (\d+) (\d+) (\d+|-) (\d+|-) (.+)$/.exec(line);
      if (!match) throw new BenchParseError(`rsync log line ${i + 1}: expected "pid start end exit sent received destination", found ${JSON.stringify(line)}`);
      const num = (s: string | undefined) => (s === undefined || s === '-' ? undefined : Number(s));
      return {
        pid: Number(match[1]),
        startMs: Number(match[2]) / 1000,
        endMs: Number(match[3]) / 1000,
        exitCode: Number(match[4]),
        sent: num(match[5]),
        received: num(match[6]),
        destination: match[7] as string,
      };
    });
}

/** The largest number of runs in flight at once for one destination. */
export function maxInFlight(runs: readonly RsyncRun[], destination: string): number {
  const edges = runs
    .filter((r) => r.destination === destination)
    .flatMap((r) => [
      { at: r.startMs, delta: 1 },
      { at: r.endMs, delta: -1 },
    ])
    // An end and a start in the same millisecond: count the end first (the runs did not overlap).
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const edge of edges) {
    current += edge.delta;
    max = Math.max(max, current);
  }
  return max;
}
