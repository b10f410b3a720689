import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

describe('dhcp-promoter › backoff', () => {
  it('dhcp-promoter › backoff doubles from 1 s to 30 s, jittered ±20 %', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 5, 6, 40].map((n) => backoffDelay(n, DEFAULT_BACKOFF, middle))).toEqual([1000, 2000, 4000, 16_000, 30_000, 30_000]);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(1200);
  });

  it('dhcp-promoter › backoff refuses a failure count that is not a positive integer', () => {
    expect(() => backoffDelay(0, DEFAULT_BACKOFF, Math.random)).toThrow('Expected failures to be a positive integer, got 0');
    expect(() => backoffDelay(1.5, DEFAULT_BACKOFF, Math.random)).toThrow('Expected failures to be a positive integer, got 1.5');
  });
});
