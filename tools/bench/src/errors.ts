// One class per way the bench can fail; the message names the input, the expectation and what was found.

export class BenchOptionError extends Error {
  override name = 'BenchOptionError';
}

/** /proc text, a wrapper log line or a tool's output that is not what the bench expects. */
export class BenchParseError extends Error {
  override name = 'BenchParseError';
}

/** A component did not start, answer or stop in time. */
export class BenchSetupError extends Error {
  override name = 'BenchSetupError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The standby was not identical to the source at the end of a scenario: the run lost or corrupted data. */
export class DataLossError extends Error {
  override name = 'DataLossError';
}
