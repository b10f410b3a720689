// The lease file's lock: the inbox `lock` directory (mkdir is atomic on every filesystem) holding the
// holder's record. The receiver takes it to merge a push, the promoter to merge and start dnsmasq.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { inboxPaths } from '@routerd/model';
import { ensureDir, giveTo, ownerFor, type Owner } from './atomic-file.js';
import { LeaseFileError, LeaseLockBusyError, LeaseOptionError } from './errors.js';
import { formatHolder, holderAlive, parseHolder, selfHolder, type LockHolder } from './lock-holder.js';

export const DEFAULT_LOCK_WAIT_MS = 10_000;
const POLL_MS = 50;
/** A lock directory without a record this old was left by a process that died between mkdir and write. */
const NO_RECORD_GRACE_MS = 5_000;

export interface LeaseLockOptions {
  /** How long to wait for a running holder; default 10 s. */
  waitMs?: number;
}

const HOLDER_FILE = 'holder';

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

type Seen = { kind: 'gone' } | { kind: 'alive'; pid: number | undefined } | { kind: 'stale'; record: string | undefined };

/** What holds the lock now: nothing, a running process, or a dead one (or a lock left without a record). */
async function inspect(lock: string): Promise<Seen> {
  let record: string | undefined;
  try {
    record = await readFile(join(lock, HOLDER_FILE), 'utf8');
  } catch (error) {
    if (code(error) !== 'ENOENT') throw new LeaseFileError('read the lock holder of', lock, error);
  }
  const holder: LockHolder | undefined = record === undefined ? undefined : parseHolder(record);
  if (holder !== undefined) return (await holderAlive(holder)) ? { kind: 'alive', pid: holder.pid } : { kind: 'stale', record };
  try {
    const age = Date.now() - (await stat(lock)).mtimeMs;
    return age > NO_RECORD_GRACE_MS ? { kind: 'stale', record } : { kind: 'alive', pid: undefined };
  } catch (error) {
    if (code(error) === 'ENOENT') return { kind: 'gone' };
    throw new LeaseFileError('stat the lock', lock, error);
  }
}

/**
 * Moves a dead holder's lock aside, then removes it. Two processes may both judge it dead; the rename lets
 * one win. If the one moved aside turns out to be a new holder's (the other taker's, taken in between),
 * it is moved back. A third process taking the lock in that instant is not covered: two at most contend.
 */
async function takeOver(lock: string, seen: string | undefined): Promise<void> {
  const aside = join(dirname(lock), `.stale-lock.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    await rename(lock, aside);
  } catch (error) {
    if (code(error) === 'ENOENT') return;
    throw new LeaseFileError('move the stale lock', lock, error);
  }
  const moved = await readFile(join(aside, HOLDER_FILE), 'utf8').catch(() => undefined);
  if (moved !== seen) {
    await rename(aside, lock).catch(() => undefined);
    return;
  }
  await rm(aside, { recursive: true, force: true });
}

async function acquire(lock: string, owner: Owner | undefined): Promise<boolean> {
  try {
    await mkdir(lock, { mode: 0o755 });
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw new LeaseFileError('create the lock', lock, error);
  }
  try {
    await giveTo(lock, owner);
    const file = join(lock, HOLDER_FILE);
    await writeFile(file, formatHolder(await selfHolder()), { mode: 0o644 });
    await giveTo(file, owner);
    return true;
  } catch (error) {
    await rm(lock, { recursive: true, force: true }).catch(() => undefined);
    throw new LeaseFileError('write the lock holder of', lock, error);
  }
}

/**
 * Runs `fn` holding the lease file's lock; a lock whose holder is dead is taken over. Waits up to
 * `waitMs` for a running holder, then throws LeaseLockBusyError naming its pid. The lock is released
 * when `fn` settles, whatever it does.
 */
export async function withLeaseLock<T>(live: string, fn: () => Promise<T>, options: LeaseLockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  if (!Number.isFinite(waitMs) || waitMs < 0) throw new LeaseOptionError(`withLeaseLock: expected waitMs to be a non-negative number, found ${String(waitMs)}`);
  const paths = inboxPaths(live);
  const owner = await ownerFor(dirname(live));
  await ensureDir(paths.dir, owner);
  const started = Date.now();
  for (;;) {
    if (await acquire(paths.lock, owner)) break;
    const seen = await inspect(paths.lock);
    if (seen.kind === 'stale') {
      await takeOver(paths.lock, seen.record);
      continue;
    }
    if (seen.kind === 'gone') continue;
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new LeaseLockBusyError(paths.lock, seen.pid, waited);
    await delay(Math.min(POLL_MS, waitMs - waited));
  }
  try {
    return await fn();
  } finally {
    await rm(paths.lock, { recursive: true, force: true });
  }
}
