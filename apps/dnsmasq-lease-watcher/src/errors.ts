// The lease-watcher's failure modes, one class each.
import { errorMessage } from '@routerd/model';

/** A timing or option given to the watcher is out of range or of the wrong type (a caller bug). */
export class LeaseWatcherOptionError extends TypeError {
  override readonly name = 'LeaseWatcherOptionError';
}

/** Setting up the directory watch failed; `cause` is the fs error. The periodic check retries it. */
export class WatchSetupError extends Error {
  override readonly name = 'WatchSetupError';
  readonly dir: string;

  constructor(dir: string, cause: unknown) {
    super(`cannot watch directory ${dir}: ${errorMessage(cause)}`, { cause });
    this.dir = dir;
  }
}
