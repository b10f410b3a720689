import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LeaseOptionError } from './errors.js';
import { writeSnapshotFile } from './write-snapshot-file.js';

describe('writeSnapshotFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leases-write-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('snapshot-file › writes a private copy with the source mtime', async () => {
    const content = Buffer.from('1795649019 02:00:00:00:30:11 192.0.2.131 * *\n');
    const mtimeMs = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const path = await writeSnapshotFile({ content, mtimeMs }, join(dir, 'spool'));
    expect(path.startsWith(join(dir, 'spool', 'snapshot-'))).toBe(true);
    expect(await readFile(path)).toEqual(content);
    const stats = await stat(path);
    expect(stats.mode & 0o777).toBe(0o600);
    expect(Math.round(stats.mtimeMs)).toBe(mtimeMs);
    expect((await stat(join(dir, 'spool'))).mode & 0o777).toBe(0o700);
  });

  it('snapshot-file › gives every snapshot its own file', async () => {
    const first = await writeSnapshotFile({ content: Buffer.from('a\n') }, dir);
    const second = await writeSnapshotFile({ content: Buffer.from('b\n') }, dir);
    expect(first).not.toBe(second);
    expect(await readFile(first, 'utf8')).toBe('a\n');
    expect(await readFile(second, 'utf8')).toBe('b\n');
  });

  it('snapshot-file › rejects a relative directory and content that is not a Buffer', async () => {
    await expect(writeSnapshotFile({ content: Buffer.from('') }, 'spool')).rejects.toThrow(
      new LeaseOptionError('Expected the snapshot directory to be an absolute path, got "spool"'),
    );
    const bad = { content: 'text' } as unknown as { content: Buffer };
    await expect(writeSnapshotFile(bad, dir)).rejects.toThrow('Expected the snapshot content to be a Buffer, got string');
  });

  it('snapshot-file › rejects a bad mtime before creating any file', async () => {
    const before = await readdir(dir);
    await expect(writeSnapshotFile({ content: Buffer.from('x\n'), mtimeMs: Number.NaN }, dir)).rejects.toThrow(
      'Expected the snapshot mtimeMs to be a finite number, got NaN',
    );
    expect(await readdir(dir)).toEqual(before);
  });
});
