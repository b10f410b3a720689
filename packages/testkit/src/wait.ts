// Bounded waits: each names what it waits for, so a timeout says what did not happen and what was seen last.
import { errorMessage } from '@routerd/model';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A probe's "not yet", with what it saw: the timeout message quotes the last one. */
export class NotYet {
  constructor(readonly seen: string) {}
}

export function notYet(seen: string): NotYet {
  return new NotYet(seen);
}

/** Thrown from a probe to end the wait at once (the process it waits for has died). */
export class WaitAbort extends Error {
  override readonly name = 'WaitAbort';
}

/** A bounded wait ran out. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';

  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    /** "last seen: ..." or "last probe failed: ...", when the probe said. */
    readonly last: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : `; ${last}`}`, options);
  }
}

export interface WaitOptions {
  /** Default 10 s. */
  timeoutMs?: number;
  /** Between probes; default 50 ms. */
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Answers a value when done; undefined or notYet(seen) when not yet. */
export type Probe<T> = () => Promise<T | NotYet | undefined> | T | NotYet | undefined;

/**
 * Probes until it answers a value. A probe that throws is tried again (its error goes into the
 * timeout message), except with WaitAbort, which ends the wait at once. `what` is read at the timeout.
 */
export async function waitFor<T>(what: string | (() => string), probe: Probe<T>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 50, now = Date.now, sleep: pause = sleep } = options;
  const label = () => (typeof what === 'string' ? what : what());
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`waitFor(${label()}): expected a positive timeoutMs, found ${timeoutMs}`);
  const deadline = now() + timeoutMs;
  let last: string | undefined;
  let cause: unknown;
  for (;;) {
    try {
      const answer = await probe();
      if (answer instanceof NotYet) last = `last seen: ${answer.seen}`;
      else if (answer !== undefined) return answer;
      else last = undefined;
      cause = undefined;
    } catch (error) {
      if (error instanceof WaitAbort) throw error;
      last = `last probe failed: ${errorMessage(error)}`;
      cause = error;
    }
    if (now() >= deadline) throw new WaitTimeoutError(label(), timeoutMs, last, { cause });
    await pause(intervalMs);
  }
}

/** Probes a condition until it holds; the timeout names `what`, or the condition's own source. */
export function waitUntil(condition: () => boolean, options: WaitOptions & { what?: string } = {}): Promise<true> {
  const { what = `${String(condition)} to hold`, ...rest } = options;
  return waitFor(what, () => (condition() ? true : undefined), rest);
}
