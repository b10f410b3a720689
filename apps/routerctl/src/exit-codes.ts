// routerctl's exit codes, defined once: cli.ts maps failures to them, `routerctl --help` and
// docs/routerctl.md print this table (a test keeps the doc equal to it).

export const EXIT_OK = 0;
/** The command ran and the answer is no: an invalid configuration, no such object, or `check` found a problem. */
export const EXIT_INVALID = 1;
/** Bad usage, or an input, environment value or NATS credential that cannot be used. */
export const EXIT_USAGE = 2;
/** No NATS server answered at the URL, or the connection was lost. */
export const EXIT_BUS_UNREACHABLE = 3;
/** NATS answered but the agent that owns the subject did not (no responders, timeout) or broke the contract. */
export const EXIT_AGENT_UNAVAILABLE = 4;
/** A bug in routerctl (EX_SOFTWARE): the message says where. */
export const EXIT_INTERNAL = 70;

/** Every exit code and what it means, in order. */
export const EXIT_CODES: readonly (readonly [code: number, meaning: string])[] = [
  [EXIT_OK, 'success; for check: healthy'],
  [EXIT_INVALID, 'the answer is no: invalid configuration (validate, plan, render), no such object (describe), or check found a problem'],
  [EXIT_USAGE, 'usage error: unknown command, flag or value; unreadable input file; bad environment value; unusable or refused NATS credential'],
  [EXIT_BUS_UNREACHABLE, 'NATS unreachable: no server answered at the URL in time, or the connection was lost while watching'],
  [EXIT_AGENT_UNAVAILABLE, 'an agent did not answer: NATS is up but no agent serves the subject, it timed out, or its reply broke the contract'],
  [EXIT_INTERNAL, 'internal error in routerctl (a bug; please report it with the message)'],
];

/** The table as `--help` prints it. */
export function exitCodeHelp(): string {
  return EXIT_CODES.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`).join('\n');
}
