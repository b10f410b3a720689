import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteInPlace } from './rewrite.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('rewrite', () => {
  it('rewrite › replaces the content on the same inode, shorter or longer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdbench-test-'));
    dirs.push(dir);
    const file = join(dir, 'leases');
    await writeFile(file, 'a long first version\n');
    const inode = (await stat(file)).ino;
    rewriteInPlace(file, 'short\n');
    expect(await readFile(file, 'utf8')).toBe('short\n');
    rewriteInPlace(file, Buffer.from('x'.repeat(100_000)));
    expect((await readFile(file, 'utf8')).length).toBe(100_000);
    expect((await stat(file)).ino).toBe(inode);
  });

  it('rewrite › a missing file is an error, as for dnsmasq', () => {
    expect(() => rewriteInPlace('/nonexistent/rdbench/leases', 'x')).toThrow(/ENOENT/);
  });
});
