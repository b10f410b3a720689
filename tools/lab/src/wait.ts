// Bounded waits that say what they waited for and what they saw last.
import { WaitTimeoutError } from './errors.js';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What a probe saw: done with a value, or not yet with a description of the last observation. */
export type Probe<T> = { done: true; value: T } | { done: false; seen: string };

export async function waitFor<T>(what: string, probe: () => Promise<Probe<T>>, options: WaitOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const pause = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new RangeError(`waitFor(${what}): expected a positive timeoutMs, found ${options.timeoutMs}`);
  }
  const deadline = now() + options.timeoutMs;
  let seen = 'nothing yet';
  for (;;) {
    const result = await probe();
    if (result.done) return result.value;
    seen = result.seen;
    if (now() >= deadline) throw new WaitTimeoutError(what, options.timeoutMs, seen);
    await pause(options.intervalMs ?? 100);
  }
}
