// Capped exponential backoff with jitter, so a failing peer is not hammered and two routers'
// retries do not march in step. Each agent picks its own policy.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Fraction of the delay drawn at random, 0 to 1. */
  jitter: number;
}

/** Delay before the next attempt after `failures` consecutive failures (1 for the first). */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  if (!Number.isInteger(failures) || failures < 1) {
    throw new RangeError(`Expected failures to be a positive integer, got ${failures}`);
  }
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
  const spread = exponential * policy.jitter;
  return Math.round(exponential - spread + random() * 2 * spread);
}
