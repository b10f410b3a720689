// The logging the watcher needs: pino's Logger fits it, tests pass a recorder.

export interface WatchLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
