import { describe, expect, it } from 'vitest';
import { createRng, mulberry32 } from './prng.js';

describe('nemesis prng', () => {
  it('nemesis prng › the same seed gives the same sequence, another seed another', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const seqA = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('nemesis prng › int stays within its bounds and reaches both ends', () => {
    const rng = createRng(7);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('nemesis prng › shuffle keeps every item; pick refuses an empty list', () => {
    const rng = createRng(3);
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => rng.pick([])).toThrow('rng.pick: expected a non-empty list, found []');
  });
});
