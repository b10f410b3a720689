// The promoter's side of the inbox beside each live lease file (@routerd/model inboxPaths): whether a
// handback waits, a stale pulled copy removed before a pull, a handback claimed before it is merged.
import { watch } from 'node:fs';
import { access, chown, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunAs } from '@routerd/agent';
import { inboxPaths } from '@routerd/model';

/** What the promoter does to inbox files; tests pass a fake. */
export interface InboxFs {
  exists(path: string): Promise<boolean>;
  /** Removes a file; a missing one is fine. */
  remove(path: string): Promise<void>;
  /** Renames `from` to `to` (replacing it); false when `from` is missing. */
  rename(from: string, to: string): Promise<boolean>;
  /** Creates the inbox dir when missing, so that a pull can land in it. */
  ensureDir(path: string): Promise<void>;
  /** Creates a dir only `owner` (default this process's user) may enter when missing: ssh's control sockets. */
  ensurePrivateDir(path: string, owner?: RunAs): Promise<void>;
  /**
   * Whom a pull runs as: the user ROUTERD_SSH_USER names (the units set `routerd`, the user the syncer
   * runs as, whose ssh key, known_hosts and control sockets the pull must share) when this process is
   * root; else undefined, this process itself. Throws naming the variable when the user is unknown.
   */
  pullUser(): Promise<RunAs | undefined>;
  /**
   * Calls `onChange` with the entry's name (undefined when the file system does not say) whenever an
   * entry of `dir` is created, written, renamed or removed (inotify), until the returned function is
   * called; undefined when `dir` cannot be watched. Events can be lost: a caller looks again itself.
   */
  watch?(dir: string, onChange: (name: string | undefined) => void): (() => void) | undefined;
}

/**
 * A handback being merged: renamed first, so that one arriving during the merge is not removed with
 * it. One left by a crash is merged before the next handback.
 */
export function claimedHandback(live: string): string {
  return `${inboxPaths(live).handback}.merging`;
}

/** Where a handback that is not a lease file is put aside for the operator (it never merges). */
export function rejectedHandback(live: string): string {
  return `${inboxPaths(live).handback}.rejected`;
}

/** Whether live's handback (or one claimed and not merged) waits for the promoter. */
export async function handbackWaiting(fs: InboxFs, live: string): Promise<boolean> {
  return (await fs.exists(claimedHandback(live))) || (await fs.exists(inboxPaths(live).handback));
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ENOENT';
}

/** The environment variable naming the user a root promoter pulls as. */
export const SSH_USER_ENV = 'ROUTERD_SSH_USER';

/** `name`'s uid, gid and home in /etc/passwd (a system user lives there, as sysusers.d made it). */
async function passwdUser(name: string): Promise<RunAs> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid, , home] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid), home: home || '/' };
  }
  throw new Error(`${SSH_USER_ENV} names ${JSON.stringify(name)}, expected a user in /etc/passwd, found none`);
}

export const nodeInboxFs: InboxFs = {
  exists: (path) => access(path).then(
    () => true,
    () => false,
  ),
  remove: (path) => rm(path, { force: true }),
  async ensureDir(path) {
    if (await nodeInboxFs.exists(path)) return;
    // Owned and moded like the live file's dir: the receiver, maybe another user, writes into it too.
    const parent = await stat(dirname(path));
    await mkdir(path, { recursive: true, mode: parent.mode & 0o777 });
    await chown(path, parent.uid, parent.gid).catch(() => undefined);
  },
  async ensurePrivateDir(path, owner) {
    const made = await mkdir(path, { recursive: true, mode: 0o700 });
    // Only a dir made here: one that exists belongs to whoever made it (the syncer's unit).
    if (made !== undefined && owner !== undefined) await chown(path, owner.uid, owner.gid);
  },
  async pullUser() {
    const name = process.env[SSH_USER_ENV];
    if (process.getuid?.() !== 0 || name === undefined || name === '' || name === 'root') return undefined;
    return await passwdUser(name);
  },
  watch(dir, onChange) {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => onChange(name ?? undefined));
      // A dir removed while watched ends the watch; the poll still looks.
      watcher.on('error', () => watcher.close());
      return () => watcher.close();
    } catch {
      return undefined;
    }
  },
  async rename(from, to) {
    try {
      await rename(from, to);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  },
};
