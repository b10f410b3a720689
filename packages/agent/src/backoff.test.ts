import { describe, expect, it } from 'vitest';
import { backoffDelay, type BackoffPolicy } from './backoff.js';

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };

const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

describe('backoff', () => {
  it('backoff › doubles from the base per failure', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, noJitter, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('backoff › is capped at maxMs however many failures', () => {
    expect(backoffDelay(7, noJitter, () => 0.5)).toBe(60_000);
    expect(backoffDelay(10_000, noJitter, () => 0.5)).toBe(60_000);
  });

  it('backoff › jitter stays within the fraction either side', () => {
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0)).toBe(1600);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 1)).toBe(2400);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.5)).toBe(2000);
  });

  it('backoff › refuses a failure count that is not a positive integer', () => {
    expect(() => backoffDelay(0, DEFAULT_BACKOFF, Math.random)).toThrow('Expected failures to be a positive integer, got 0');
    expect(() => backoffDelay(1.5, DEFAULT_BACKOFF, Math.random)).toThrow('Expected failures to be a positive integer, got 1.5');
  });
});
