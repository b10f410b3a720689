import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StagingError } from './errors.js';
import { createStaging } from './staging.js';
import { bindReadOnly, mountTmpfs, type TestMount } from './testing/mounts.js';

let dir: string;
const mounts: TestMount[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'staging-'));
});
afterEach(async () => {
  for (const mount of mounts.splice(0)) await mount.unmount();
  await rm(dir, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

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

  it('staging › a folder that exists with another mode is repaired at the first stage of a start', async () => {
    const s = join(dir, 's');
    await mkdir(s, { mode: 0o755 });
    await chmod(s, 0o755);
    await createStaging(s).stage(Buffer.from('a\n'), 'aaa', 0o644);
    expect((await stat(s)).mode & 0o777).toBe(0o700);
  });

  it('staging › prepare reports the repairs: the mode, and the leftovers of a previous run removed', async () => {
    const s = join(dir, 's');
    await mkdir(s, { mode: 0o777 });
    await chmod(s, 0o777);
    await writeFile(join(s, 'old-copy'), 'x');
    await writeFile(join(s, 'old-copy.tmp-4242'), 'x');
    const staging = createStaging(s);
    expect(await staging.prepare()).toEqual([`${s}: mode 0777 repaired to 0700`, `${s}: removed 2 leftover file(s) of a previous run`]);
    expect(await readdir(s)).toEqual([]);
    expect(await staging.prepare()).toEqual([`${s}: mode 0777 repaired to 0700`, `${s}: removed 2 leftover file(s) of a previous run`]);
  });

  it('staging › a full tmpfs: a StagingError naming the path and ENOSPC, no partial copy left, and staging works once there is room', async () => {
    const s = join(dir, 's');
    const tmpfs = await mountTmpfs(s, '8k');
    mounts.push(tmpfs);
    const staging = createStaging(s);
    const error = await failure(staging.stage(Buffer.alloc(64 * 1024, 'x'), 'big', 0o644));
    expect(error).toBeInstanceOf(StagingError);
    expect(error).toMatchObject({ code: 'ENOSPC', path: join(s, `big.tmp-${process.pid}`) });
    expect((error as Error).message).toBe(`cannot write ${join(s, `big.tmp-${process.pid}`)}: ENOSPC: no space left on device`);
    expect(await readdir(s)).toEqual([]);
    await tmpfs.remount('size=128k');
    const path = await staging.stage(Buffer.alloc(64 * 1024, 'x'), 'big', 0o644);
    expect((await stat(path)).size).toBe(64 * 1024);
  });

  it('staging › a read-only staging folder: a StagingError naming the path and EROFS', async () => {
    const s = join(dir, 's');
    mounts.push(await bindReadOnly(s));
    const error = await failure(createStaging(s).stage(Buffer.from('a\n'), 'aaa', 0o644));
    expect(error).toBeInstanceOf(StagingError);
    expect(error).toMatchObject({ code: 'EROFS' });
    expect((error as Error).message).toMatch(new RegExp(`^cannot (repair the mode of|write) ${s}.*: EROFS: read-only file system$`));
  });
});
