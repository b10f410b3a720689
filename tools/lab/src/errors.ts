// One class per way the lab fails, each naming what it was doing.

/** A lab step could not be done (a precondition, a missing tool, a bad argument). */
export class LabError extends Error {
  override name = 'LabError';
}

/** A command exited non-zero or could not be started. */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number | undefined,
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super(`command \`${argv.join(' ')}\` ${exitCode === undefined ? 'could not run' : `exited with ${exitCode}`}${output.trim() === '' ? '' : `: ${output.trim().slice(-2000)}`}`, options);
  }
}

/** The lab state file is missing or not what the lab writes. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** A scenario's expectation did not hold. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}
