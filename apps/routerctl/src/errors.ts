// Failures of a routerctl run that are not a usage error; cli.ts maps each to its exit code.

/** A file or environment value the command needs cannot be used. */
export class InputError extends Error {
  override name = 'InputError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
