import { randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

import { LeaseOptionError } from './errors.js';

/** What is copied: a snapshot's bytes and, when known, the source's mtime (kept on the copy). */
export interface SnapshotContent {
  readonly content: Buffer;
  readonly mtimeMs?: number;
}

/**
 * Writes the snapshot to a new private (0600) file under `dir` and returns its path. The caller
 * ships this copy, to the original path on the target, and removes it afterwards.
 */
export async function writeSnapshotFile(snapshot: SnapshotContent, dir: string): Promise<string> {
  if (typeof dir !== 'string' || !isAbsolute(dir)) {
    throw new LeaseOptionError(`Expected the snapshot directory to be an absolute path, got ${JSON.stringify(dir)}`);
  }
  if (!Buffer.isBuffer(snapshot.content)) {
    throw new LeaseOptionError(`Expected the snapshot content to be a Buffer, got ${typeof snapshot.content}`);
  }
  if (snapshot.mtimeMs !== undefined && !Number.isFinite(snapshot.mtimeMs)) {
    throw new LeaseOptionError(`Expected the snapshot mtimeMs to be a finite number, got ${snapshot.mtimeMs}`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `snapshot-${randomBytes(8).toString('hex')}`);
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(snapshot.content);
    if (snapshot.mtimeMs !== undefined) await handle.utimes(new Date(), new Date(snapshot.mtimeMs));
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  return path;
}
