// The promoter's commands: their deadline, their retry policy, and how a result reads in a status.
import type { BackoffPolicy, CommandResult } from '@routerd/agent';
import { boundOutput } from '@routerd/bus';

/** Every command's deadline: `start` must return once the server runs, well within it. */
export const COMMAND_DEADLINE_MS = 30_000;

/** A failed start or stop is retried after 1 s, doubling up to 30 s, so a broken unit is not hammered. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 30_000, jitter: 0.2 };

/** How many of the server's last lines an Error quotes (its `logs` may print more). */
export const LAST_WORDS_LINES = 20;

/** "systemctl restart x exited with 1", "... did not finish within its deadline", "... could not run: ...". */
export function describeResult(argv: readonly string[], result: CommandResult): string {
  const line = argv.join(' ');
  if (result.error !== undefined) return `${line} could not run: ${result.error}`;
  if (result.timedOut) return `${line} did not finish within its deadline and was killed`;
  if (result.aborted) return `${line} was aborted`;
  return `${line} exited with ${result.exitCode ?? 'no code'}`;
}

/** The last LAST_WORDS_LINES non-blank lines of `output` on one line, "a | b", within the bus's output bound. */
export function lastWords(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return boundOutput(lines.slice(-LAST_WORDS_LINES).join(' | '));
}

/** describeResult, then what the command printed: "dnsmasq exited with 2: dnsmasq: failed to bind ...". */
export function describeWithOutput(argv: readonly string[], result: CommandResult): string {
  const words = result.error === undefined ? lastWords(result.output) : '';
  return words === '' ? describeResult(argv, result) : `${describeResult(argv, result)}: ${words}`;
}
