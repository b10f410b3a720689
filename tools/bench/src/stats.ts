// Summaries of a sample of durations (ms): nearest-rank percentiles, no interpolation.
import { BenchOptionError } from './errors.js';

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** The nearest-rank percentile `p` (0 < p <= 100) of a sorted sample. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new BenchOptionError(`Expected a percentile in (0, 100], got ${p}`);
  if (sorted.length === 0) throw new BenchOptionError(`Expected a non-empty sample for the p${p}, got none`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export function summarize(sample: readonly number[]): Summary {
  const bad = sample.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new BenchOptionError(`Expected finite durations, got ${bad}`);
  const sorted = [...sample].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    n: sorted.length,
    min: round(percentile(sorted, 0.0001)),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] as number),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}
