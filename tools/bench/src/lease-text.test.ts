import { parseDnsmasqLeases } from '@routerd/leases';
import { describe, expect, it } from 'vitest';
import { leaseLines, leaseText, renew } from './lease-text.js';

describe('lease-text', () => {
  it('lease-text › generated files parse cleanly, v4 and v6, with the sample line shapes', () => {
    const text = leaseText(leaseLines(300, 200));
    const parsed = parseDnsmasqLeases(text);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    expect(parsed.v4).toHaveLength(300);
    expect(parsed.v6).toHaveLength(200);
    expect(text).toMatch(/^1795649016 02:00:00:00:00:00 198\.18\.0\.0 \* \*$/m);
    expect(text).toMatch(/^duid 00:01:/m);
  });

  it('lease-text › 100,000 leases make about 8 MB', () => {
    const bytes = Buffer.byteLength(leaseText(leaseLines(60_000, 40_000)));
    expect(bytes).toBeGreaterThan(7_000_000);
    expect(bytes).toBeLessThan(9_000_000);
  });

  it('lease-text › a renewal changes one line and keeps the size', () => {
    const lines = leaseLines(3, 0);
    const before = leaseText(lines);
    renew(lines, 1, 1_800_000_000);
    const after = leaseText(lines);
    expect(after.length).toBe(before.length);
    expect(after.split('\n')[1]).toMatch(/^1800000000 02:00:00:00:00:01 /);
  });

  it('lease-text › bad counts, indexes and expiries are named', () => {
    expect(() => leaseLines(-1, 0)).toThrow('Expected the v4 lease count to be an integer from 0 to 131072, got -1');
    const lines = leaseLines(1, 1);
    expect(() => renew(lines, 1, 1_800_000_000)).toThrow('Expected the index of a lease line (0..2, not the duid line), got 1');
    expect(() => renew(lines, 0, 5)).toThrow('Expected a 10-digit expiry so the size stays the same, got 5');
  });
});
