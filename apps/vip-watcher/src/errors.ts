// One class per failure mode of the vip-watcher.

/** keepalived's pid file or /proc entry could not be read (other than "not there"). */
export class KeepalivedCheckError extends Error {
  override name = 'KeepalivedCheckError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The persisted last event of a VirtualAddress could not be read or written. */
export class RoleStoreError extends Error {
  override name = 'RoleStoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
