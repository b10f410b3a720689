import { describe, expect, it } from 'vitest';
import { ms, ResultBuilder } from './result.js';

describe('lab scenario result', () => {
  it('lab scenario result › collects failed expectations and is not ok then', () => {
    const r = new ResultBuilder('3', 'proof');
    r.expect(true, 'never shown');
    r.expect(false, 'new client got the offline client address');
    expect(r.done()).toEqual({ scenario: '3', title: 'proof', ok: false, timings: {}, facts: {}, failures: ['new client got the offline client address'] });
  });

  it('lab scenario result › formats durations', () => {
    expect(ms(640)).toBe('640 ms');
    expect(ms(3120)).toBe('3.12 s');
  });
});
