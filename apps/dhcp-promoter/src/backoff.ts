// Capped exponential backoff with jitter for failed start/stop commands, so a broken unit is not
// hammered and two routers' retries do not march in step.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Fraction of the delay drawn at random, 0 to 1. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 30_000, jitter: 0.2 };

/** Delay before the next attempt after `failures` consecutive failures (1 for the first). */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  if (!Number.isInteger(failures) || failures < 1) {
    throw new RangeError(`Expected failures to be a positive integer, got ${failures}`);
  }
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
  const spread = exponential * policy.jitter;
  return Math.round(exponential - spread + random() * 2 * spread);
}
