// A stand-in for @routerd/leases' applyToLive and withLeaseLock on real files, as their contract is
// documented, for the promoter's own integration tests (the agent takes the real ones).
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { mergeLeaseFiles } from '@routerd/leases';
import { inboxPaths } from '@routerd/model';
import type { LeaseFunctions } from '../lease-files.js';

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return '';
    throw error;
  }
}

export const fileLeases: LeaseFunctions = {
  async applyToLive({ live, from, now }) {
    const { base, dir } = inboxPaths(live);
    const before = await readOrEmpty(live);
    const incoming = await readFile(from, 'utf8');
    const result = mergeLeaseFiles({ base: await readOrEmpty(base), live: before, incoming, now });
    const changed = result.text !== before;
    if (changed) {
      await writeFile(`${live}.tmp`, result.text);
      await rename(`${live}.tmp`, live);
    }
    await mkdir(dir, { recursive: true });
    await copyFile(from, base);
    const leases = result.text.split('\n').filter((line) => line !== '' && !line.startsWith('duid ')).length;
    return { changed, leases, taken: result.taken, kept: result.kept, conflicts: [...result.conflicts] };
  },
  async withLeaseLock(live, fn) {
    const { dir, lock } = inboxPaths(live);
    await mkdir(dir, { recursive: true });
    await mkdir(lock);
    try {
      return await fn();
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  },
};
