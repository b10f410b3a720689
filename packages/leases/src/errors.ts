import { errorMessage } from '@routerd/model';
/** An option passed to a function of this package is out of range or of the wrong type. */
export class LeaseOptionError extends TypeError {
  override readonly name = 'LeaseOptionError';
}

/** The lease file exists but could not be read (permissions, I/O error); `cause` is the fs error. */
export class SnapshotReadError extends Error {
  override readonly name = 'SnapshotReadError';
  readonly path: string;

  constructor(path: string, cause: unknown) {
    const reason = errorMessage(cause);
    super(`cannot read lease file ${path}: ${reason}`, { cause });
    this.path = path;
  }
}
