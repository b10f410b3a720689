import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from './suggest.js';

describe('suggest', () => {
  it('suggest › counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('interval', 'interval')).toBe(0);
    expect(editDistance('intervall', 'interval')).toBe(1);
    expect(editDistance('intrval', 'interval')).toBe(1);
    expect(editDistance('itnerval', 'interval')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggest › proposes the closest candidate within distance 2', () => {
    expect(closestMatch('intervall', ['source', 'interval', 'command'])).toBe('interval');
    expect(closestMatch('tragets', ['targets', 'when'])).toBe('targets');
    expect(closestMatch('virtualRouterId', ['virtualRouterID', 'priority'])).toBe('virtualRouterID');
  });

  it('suggest › proposes nothing for far misses and short words', () => {
    expect(closestMatch('hostname', ['source', 'interval'])).toBeUndefined();
    expect(closestMatch('ab', ['in', 'for'])).toBeUndefined();
    expect(didYouMean('zzz', ['interval'])).toBe('');
  });

  it('suggest › words the hint', () => {
    expect(didYouMean('intervall', ['interval'])).toBe(' (did you mean "interval"?)');
  });
});
