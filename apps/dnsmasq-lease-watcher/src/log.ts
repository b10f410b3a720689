// The logging the watcher needs: pino's Logger fits it, tests pass a recorder.

export interface WatchLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  /** pino's: the debug-level profile is built only when it will be written. */
  isLevelEnabled?(level: string): boolean;
}
