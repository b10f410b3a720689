import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaging } from './staging.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'staging-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('staging', () => {
  it('staging › writes the content under its hash with the source mode', async () => {
    const staging = createStaging(join(dir, 's'));
    const path = await staging.stage(Buffer.from('a\n'), 'aaa', 0o644);
    expect(await readFile(path, 'utf8')).toBe('a\n');
    expect((await stat(path)).mode & 0o777).toBe(0o644);
  });

  it('staging › keeps a held copy after a newer one is staged, drops it on release', async () => {
    const staging = createStaging(join(dir, 's'));
    await staging.stage(Buffer.from('a\n'), 'aaa', 0o644);
    staging.hold('aaa');
    await staging.stage(Buffer.from('b\n'), 'bbb', 0o644);
    await settle();
    expect((await readdir(join(dir, 's'))).sort()).toEqual(['aaa', 'bbb']);
    staging.release('aaa');
    await settle();
    expect(await readdir(join(dir, 's'))).toEqual(['bbb']);
  });

  it('staging › never drops the latest copy, held or not', async () => {
    const staging = createStaging(join(dir, 's'));
    await staging.stage(Buffer.from('a\n'), 'aaa', 0o644);
    staging.hold('aaa');
    staging.release('aaa');
    await settle();
    expect(await readdir(join(dir, 's'))).toEqual(['aaa']);
  });
});
