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

/** Which of the three inputs of a lease merge a problem is in. */
export type MergeInput = 'base' | 'live' | 'incoming';

/** How many of a bad merge input's problems its message names (`problems` keeps them all). */
export const MERGE_PROBLEMS_SHOWN = 5;

/** A merge input is not a dnsmasq lease file (it does not parse, or holds one lease key twice): nothing is merged. */
export class LeaseMergeInputError extends Error {
  override readonly name = 'LeaseMergeInputError';
  readonly input: MergeInput;
  readonly problems: readonly string[];

  constructor(input: MergeInput, problems: readonly string[]) {
    // The first few only: the message travels in statuses and events, whose size the bus bounds.
    const shown = problems.slice(0, MERGE_PROBLEMS_SHOWN).join('; ');
    const more = problems.length > MERGE_PROBLEMS_SHOWN ? `; and ${problems.length - MERGE_PROBLEMS_SHOWN} more` : '';
    super(`cannot merge: the ${input} lease file is not a dnsmasq lease file: ${shown}${more}`);
    this.input = input;
    this.problems = problems;
  }
}

/** The lease file's lock stayed held by a running process for the whole wait: nothing was done. */
export class LeaseLockBusyError extends Error {
  override readonly name = 'LeaseLockBusyError';
  readonly lock: string;
  /** The holder's pid, or undefined when the lock names none yet. */
  readonly holder: number | undefined;

  constructor(lock: string, holder: number | undefined, waitedMs: number) {
    super(`the lease lock ${lock} is held by ${holder === undefined ? 'a process that has not written its pid yet' : `pid ${holder}`}, still after ${waitedMs} ms`);
    this.lock = lock;
    this.holder = holder;
  }
}

/** A lease file of the inbox or the live file could not be read or written; `cause` is the fs error. */
export class LeaseFileError extends Error {
  override readonly name = 'LeaseFileError';
  readonly path: string;

  constructor(action: string, path: string, cause: unknown) {
    super(`cannot ${action} ${path}: ${errorMessage(cause)}`, { cause });
    this.path = path;
  }
}
