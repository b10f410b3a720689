// One class per failure mode of the syncer.

/** A planned rsync argv does not end with the source path and the destination, so the snapshot cannot take the source's place. */
export class PlannedArgvError extends Error {
  override name = 'PlannedArgvError';
}
