// Writing a lease file so that a reader (dnsmasq at its start, the other side's merge) sees the old or the
// new content, never a part: a temp file in the same directory, fsync, rename, fsync of the directory.
//
// The receiver runs as the sync user, the promoter as root: whatever root creates in the inbox is given
// to the owner of the live file's directory, so the other side can still replace and remove it.
import { randomBytes } from 'node:crypto';
import { chown, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LeaseFileError } from './errors.js';

export interface Owner {
  readonly uid: number;
  readonly gid: number;
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The owner things created under `dir` are given when this process is root; undefined otherwise. */
export async function ownerFor(dir: string): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const s = await stat(dir);
    return s.uid === 0 && s.gid === 0 ? undefined : { uid: s.uid, gid: s.gid };
  } catch {
    return undefined;
  }
}

export async function giveTo(path: string, owner: Owner | undefined): Promise<void> {
  if (owner !== undefined) await chown(path, owner.uid, owner.gid);
}

/** Creates `dir` (one level: its parent must exist) unless it exists; its owner as `owner`. */
export async function ensureDir(dir: string, owner: Owner | undefined): Promise<void> {
  try {
    await mkdir(dir, { mode: 0o755 });
    await giveTo(dir, owner);
  } catch (error) {
    if (code(error) !== 'EEXIST') throw new LeaseFileError('create the directory', dir, error);
  }
}

/** The file's text, or undefined when it does not exist; any other failure throws LeaseFileError. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw new LeaseFileError('read', path, error);
  }
}

/** Permission bits of an existing file, else undefined. */
export async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw new LeaseFileError('stat', path, error);
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface AtomicWriteOptions {
  mode: number;
  owner?: Owner | undefined;
}

/** Replaces `path` with `text` atomically; the temp file is removed when anything fails. */
export async function writeFileAtomic(path: string, text: string, options: AtomicWriteOptions): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode);
    try {
      await handle.writeFile(text, 'utf8');
      // open's mode is masked by the umask; the live file's mode is kept exactly.
      await handle.chmod(options.mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await giveTo(temp, options.owner);
    await rename(temp, path);
    await syncDir(dir);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new LeaseFileError('write', path, error);
  }
}
