// Bounded waits: every wait names what it waited for, so a timeout says what did not happen.
import { errorMessage } from '@routerd/model';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

/** Polls `probe` until it returns something other than undefined; throws WaitTimeoutError naming `what` (read at the timeout). */
export async function until<T>(what: string | (() => string), probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const label = () => (typeof what === 'string' ? what : what());
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new RangeError(`until(${label()}): expected a positive integer timeout in ms, got ${timeoutMs}`);
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const why = last === undefined ? '' : ` (last probe failed: ${errorMessage(last)})`;
      throw new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${label()}${why}`);
    }
    await sleep(everyMs);
  }
}
