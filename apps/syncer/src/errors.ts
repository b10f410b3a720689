// One class per failure mode of the syncer.

/** A planned rsync argv does not end with the source path and the destination, so the snapshot cannot take the source's place. */
export class PlannedArgvError extends Error {
  override name = 'PlannedArgvError';
}

/** The staging area refused a copy (ENOSPC, EROFS, EACCES, ...): names the path, the errno and the operation. */
export class StagingError extends Error {
  override name = 'StagingError';

  constructor(
    readonly path: string,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
