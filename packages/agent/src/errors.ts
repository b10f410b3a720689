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

/** `ip -j addr show` failed or printed something that is not the expected JSON. */
export class IpAddrError extends Error {
  override name = 'IpAddrError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
