import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkedRewrite, chunks, countShipped, sha256 } from './torn.js';

describe('torn', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('torn › counts contents that equal no written version, and those cut inside a line', () => {
    const v1 = Buffer.from('a 1\nb 2\n');
    const v2 = Buffer.from('a 1\nb 3\n');
    const prefix = Buffer.from('a 1\nb');
    const mixed = Buffer.from('a 1\nb 2\nb 3\n');
    const observed = new Map([v1, v2, prefix, mixed].map((b) => [sha256(b), b]));
    expect(countShipped(observed, new Set([sha256(v1), sha256(v2)]))).toEqual({ complete: 2, torn: 2, cutMidLine: 1 });
  });

  it('torn › splits a rewrite into stdio-sized chunks and rejects a chunk size of 0', () => {
    expect(chunks(10_000, 4096)).toEqual([[0, 4096], [4096, 8192], [8192, 10_000]]);
    expect(chunks(0, 4096)).toEqual([]);
    expect(() => chunks(10, 0)).toThrow(/chunk size: expected a positive integer, found 0/);
  });

  it('torn › a chunked rewrite leaves exactly the new bytes, shorter than the old', async () => {
    dir = mkdtempSync(join(tmpdir(), 'torn-'));
    const file = join(dir, 'leases');
    writeFileSync(file, 'x'.repeat(20_000));
    const data = Buffer.from('y'.repeat(9000));
    await chunkedRewrite(file, data, 2);
    expect(readFileSync(file).equals(data)).toBe(true);
  });
});
