import { access, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

import { makeTempDir, removeTempDir } from './temp-dir.js';

describe('temp dirs', () => {
  it('temp-dir › makes a private dir under the OS temp dir and removes it', async () => {
    const dir = await makeTempDir('unit');
    expect(dir.startsWith(`${tmpdir()}/routerd-unit-`)).toBe(true);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    await removeTempDir(dir);
    await expect(access(dir)).rejects.toThrow(/ENOENT/);
  });
});
