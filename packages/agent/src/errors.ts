// One class per failure mode of the bootstrap.
import { errorMessage } from '@routerd/model';

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
