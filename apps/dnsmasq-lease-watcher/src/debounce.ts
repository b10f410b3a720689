// Folds a burst of file-system events into one read: quiet time after the last event, bounded by a max wait.

export interface DebouncerOptions {
  debounceMs: number;
  maxWaitMs: number;
  /** Wall clock in ms; the time of the first event of a burst is handed to `fire`. */
  now: () => number;
  fire: (firstEventAt: number) => void;
}

export interface Debouncer {
  /** One event: starts a burst or extends the current one. */
  trigger(): void;
  /** Drops a pending burst without firing. */
  cancel(): void;
  readonly pending: boolean;
}

export function createDebouncer({ debounceMs, maxWaitMs, now, fire }: DebouncerOptions): Debouncer {
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let firstAt: number | undefined;

  const cancel = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = undefined;
    deadline = undefined;
    firstAt = undefined;
  };
  const flush = () => {
    const at = firstAt;
    cancel();
    if (at !== undefined) fire(at);
  };

  return {
    trigger() {
      if (firstAt === undefined) {
        firstAt = now();
        deadline = setTimeout(flush, maxWaitMs);
      }
      clearTimeout(quiet);
      quiet = setTimeout(flush, debounceMs);
    },
    cancel,
    get pending() {
      return firstAt !== undefined;
    },
  };
}
