import { describe, expect, it } from 'vitest';
import { LeaseWriter } from './lease-writer.js';

describe('lease-writer', () => {
  it('lease-writer › every version differs from the last and keeps the size', () => {
    const writer = new LeaseWriter(2, 1);
    const first = writer.current();
    const versions = [writer.next(), writer.next(), writer.next(), writer.next()];
    expect(new Set([first, ...versions].map((b) => b.toString())).size).toBe(5);
    for (const v of versions) expect(v.length).toBe(first.length);
    // The duid line is never touched.
    expect(versions[3]!.toString()).toContain('\nduid 00:01:');
  });
});
