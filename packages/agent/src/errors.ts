// One class per failure mode of the bootstrap.
import { errorMessage } from '@routerd/model';

/** The command line or environment is wrong; main prints the message and the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The configuration file could not be read. */
export class ConfigReadError extends Error {
  override name = 'ConfigReadError';
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`cannot read configuration file ${JSON.stringify(file)}: ${errorMessage(cause)}`, { cause });
  }
}

/** The configuration file is invalid; `lines` are the formatted diagnostics, as `routerctl validate` prints them. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly lines: readonly string[],
  ) {
    super(`invalid configuration file ${JSON.stringify(file)}:\n${lines.join('\n')}`);
  }
}
