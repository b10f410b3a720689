// The one way to turn anything thrown into text for a log line or an error message.

/** `error.message` for an Error, `String(error)` for anything else that was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The stack when there is one, for "internal error" lines that a developer reads. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
