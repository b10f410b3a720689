// Failure modes of a routerctl run, each mapped to its exit code by cli.ts.

export const EXIT_OK = 0;
/** The configuration is invalid. */
export const EXIT_INVALID = 1;
/** Bad usage, or an input that could not be read. */
export const EXIT_USAGE = 2;

/** A file or environment value the command needs cannot be used. */
export class InputError extends Error {
  override name = 'InputError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
