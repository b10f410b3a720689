// Percentiles by nearest rank (with 10 samples p99 is the largest: say so where it is printed).

export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: expected 0 < p <= 100, found ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
