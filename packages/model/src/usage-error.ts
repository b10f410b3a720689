// The one error for a command line or environment that is wrong: every CLI and agent of the project
// prints its message with the usage and exits 2.

export class UsageError extends Error {
  override name = 'UsageError';
  /** The (sub)command whose --help explains the right usage; "" for the top level. */
  readonly command: string;

  constructor(message: string, options: { command?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.command = options.command ?? '';
  }
}
