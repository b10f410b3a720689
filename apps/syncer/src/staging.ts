// Immutable, content-addressed copies of the source (invariant 2: rsync ships a snapshot that
// parsed, never the live file dnsmasq rewrites in place). A copy lives while a worker holds it.
// Every failure is a StagingError naming the path and the errno; nothing here is fatal to the syncer.
import { chmod, lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StagingError } from './errors.js';

/** The staging folder is private: the copies are the lease files, with client names and addresses. */
export const STAGING_DIR_MODE = 0o700;

export interface Staging {
  /**
   * Checks the folder once per start: creates it, repairs its mode and removes what a previous run
   * left. Resolves with the repairs made (for the log); a failed check is tried again by the next stage().
   */
  prepare(): Promise<string[]>;
  /** Path of the copy of `content` named by its sha256; written once, atomically. */
  stage(content: Buffer, sha256: string, mode: number): Promise<string>;
  hold(sha256: string): void;
  release(sha256: string): void;
  /** Removes the whole staging folder. */
  clear(): Promise<void>;
}

/** Runs one fs operation on `path`; a failure becomes a StagingError saying what failed, where and why. */
async function on<T>(what: string, path: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    const why = error instanceof Error ? error.message.replace(/,[^,]*$/, '') : String(error);
    throw new StagingError(path, code, `cannot ${what} ${path}: ${why.startsWith(code) ? why : `${code}: ${why}`}`, { cause: error });
  }
}

async function checkDir(dir: string): Promise<string[]> {
  await on('create the staging folder', dir, () => mkdir(dir, { recursive: true, mode: STAGING_DIR_MODE }));
  const stat = await on('inspect the staging folder', dir, () => lstat(dir));
  if (!stat.isDirectory()) throw new StagingError(dir, 'ENOTDIR', `cannot stage in ${dir}: ENOTDIR: expected a directory, found ${stat.isSymbolicLink() ? 'a symbolic link' : 'another file type'}`);
  const repairs: string[] = [];
  const mode = stat.mode & 0o777;
  if (mode !== STAGING_DIR_MODE) {
    await on('repair the mode of', dir, () => chmod(dir, STAGING_DIR_MODE));
    repairs.push(`${dir}: mode ${mode.toString(8).padStart(4, '0')} repaired to ${STAGING_DIR_MODE.toString(8).padStart(4, '0')}`);
  }
  // Copies and temp files of a previous run: nothing holds them, and on a full /run they are the space.
  const left = await on('list the staging folder', dir, () => readdir(dir));
  for (const name of left) await on('remove the leftover', join(dir, name), () => rm(join(dir, name), { recursive: true, force: true }));
  if (left.length > 0) repairs.push(`${dir}: removed ${left.length} leftover file(s) of a previous run`);
  return repairs;
}

export function createStaging(dir: string): Staging {
  const holds = new Map<string, number>();
  const written = new Set<string>();
  let latest: string | undefined;
  let prepared: Promise<string[]> | undefined;

  const drop = (sha256: string) => {
    if (sha256 === latest || (holds.get(sha256) ?? 0) > 0 || !written.has(sha256)) return;
    written.delete(sha256);
    rm(join(dir, sha256), { force: true }).catch(() => undefined);
  };

  const prepare = () => {
    prepared ??= checkDir(dir).catch((error: unknown) => {
      prepared = undefined;
      throw error;
    });
    return prepared;
  };

  return {
    prepare,
    async stage(content, sha256, mode) {
      const path = join(dir, sha256);
      if (!written.has(sha256)) {
        await prepare();
        const tmp = `${path}.tmp-${process.pid}`;
        try {
          await on('write', tmp, () => writeFile(tmp, content, { mode: 0o600 }));
          // The standby gets the source's permissions (rsync -a), not the private temp mode.
          await on('set the mode of', tmp, () => chmod(tmp, mode & 0o777));
          await on('rename into place', path, () => rename(tmp, path));
        } catch (error) {
          // A full disk keeps what was written of the temp file: give the space back.
          await rm(tmp, { force: true }).catch(() => undefined);
          throw error;
        }
        written.add(sha256);
      }
      const previous = latest;
      latest = sha256;
      if (previous !== undefined && previous !== sha256) drop(previous);
      return path;
    },
    hold(sha256) {
      holds.set(sha256, (holds.get(sha256) ?? 0) + 1);
    },
    release(sha256) {
      const count = (holds.get(sha256) ?? 0) - 1;
      if (count > 0) holds.set(sha256, count);
      else {
        holds.delete(sha256);
        drop(sha256);
      }
    },
    async clear() {
      written.clear();
      latest = undefined;
      prepared = undefined;
      await on('remove the staging folder', dir, () => rm(dir, { recursive: true, force: true }));
    },
  };
}
