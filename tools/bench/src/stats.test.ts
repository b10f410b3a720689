import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.js';

describe('stats', () => {
  it('stats › nearest-rank percentiles of 1..100', () => {
    const sample = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(sample)).toEqual({ n: 100, min: 1, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });

  it('stats › a single value is every percentile', () => {
    expect(summarize([7])).toMatchObject({ n: 1, min: 7, p50: 7, p99: 7, max: 7 });
  });

  it('stats › refuses an empty sample, naming the percentile', () => {
    expect(() => summarize([])).toThrow('Expected a non-empty sample for the p0.0001, got none');
    expect(() => percentile([], 95)).toThrow('Expected a non-empty sample for the p95, got none');
  });

  it('stats › refuses a percentile out of range and a non-finite duration', () => {
    expect(() => percentile([1], 0)).toThrow('Expected a percentile in (0, 100], got 0');
    expect(() => summarize([1, Number.NaN])).toThrow('Expected finite durations, got NaN');
  });
});
