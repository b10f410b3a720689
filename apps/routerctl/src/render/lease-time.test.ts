import { describe, expect, it } from 'vitest';
import { dnsmasqLeaseTime } from './lease-time.js';

describe('dnsmasq lease time', () => {
  it.each([
    ['12h', '12h'],
    ['1h30m', '90m'],
    ['24h', '24h'],
    ['150s', '150'],
    ['1m', '2m'],
    ['500ms', '2m'],
    ['2m0.5s', '121'],
  ])('lease time › %s becomes %s', (input, expected) => {
    expect(dnsmasqLeaseTime(input)).toBe(expected);
  });

  it('lease time › refuses text that is not a duration', () => {
    expect(() => dnsmasqLeaseTime('12x')).toThrow('expected a duration');
  });
});
