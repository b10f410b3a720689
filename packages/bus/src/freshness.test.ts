import { describe, expect, it } from 'vitest';
import { freshForMs, isFresh, MISSED_HEARTBEATS, staleAt } from './freshness.js';

describe('freshness', () => {
  it('freshness › a status stays fresh for three heartbeats', () => {
    expect(MISSED_HEARTBEATS).toBe(3);
    expect(freshForMs(2_000)).toBe(6_000);
    expect(staleAt(1_000, 2_000)).toBe(7_000);
  });

  it('freshness › fresh up to and including the bound, stale one millisecond after', () => {
    expect(isFresh(1_000, 2_000, 1_000)).toBe(true);
    expect(isFresh(1_000, 2_000, 7_000)).toBe(true);
    expect(isFresh(1_000, 2_000, 7_001)).toBe(false);
  });

  it('freshness › a status received later than now (clock read before receipt) is fresh', () => {
    expect(isFresh(5_000, 2_000, 4_000)).toBe(true);
  });
});
