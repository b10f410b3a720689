import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

import { LeaseOptionError, SnapshotReadError } from './errors.js';
import type { LeaseFileParser } from './types.js';

export interface SnapshotStat {
  isFile(): boolean;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs?: number;
  readonly ino?: number;
  readonly mode?: number;
}

/** The file operations a snapshot needs; tests pass a scripted fake. */
export interface SnapshotFs {
  stat(path: string): Promise<SnapshotStat>;
  readFile(path: string): Promise<Buffer>;
}

export interface OkSnapshot {
  readonly kind: 'ok';
  readonly content: Buffer;
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly v4Count: number;
  readonly v6Count: number;
  /** Permission bits of the file read, for a copy that keeps them. */
  readonly mode?: number;
}

export type Snapshot =
  | OkSnapshot
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-a-file' }
  | { readonly kind: 'unreadable'; readonly error: SnapshotReadError }
  | { readonly kind: 'unstable'; readonly attempts: number; readonly lastError: string };

export interface StableSnapshotOptions {
  readonly parse: LeaseFileParser;
  /** Reads at most this many times (at least 2: two reads must agree). Default 10. */
  readonly maxAttempts?: number;
  /** Pause between reads, so a writer caught mid-rewrite shows a difference. Default 20 ms. */
  readonly settleMs?: number;
  /**
   * An empty file must stay empty this much longer (one more read) before it counts: a writer
   * stalled between its truncate and its first write looks exactly like that. Default 500 ms.
   */
  readonly emptySettleMs?: number;
  readonly fs?: SnapshotFs;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * A snapshot someone else already proved stable (the lease-watcher's event). A first read with the
   * same bytes, size and mtime, unchanged while read, agrees with it: no second read is needed.
   */
  readonly knownStable?: { readonly sha256: string; readonly size: number; readonly mtimeMs: number };
}

// O_NONBLOCK: opening a FIFO planted at the path must not hang the reader.
const nodeFs: SnapshotFs = {
  stat: (path) => stat(path),
  readFile: (path) => readFile(path, { flag: constants.O_RDONLY | constants.O_NONBLOCK }),
};

interface Read {
  readonly kind: 'read';
  readonly before: SnapshotStat;
  readonly content: Buffer;
  readonly after: SnapshotStat;
}

type ReadOutcome = Read | Snapshot;

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

async function readOnce(fs: SnapshotFs, path: string): Promise<ReadOutcome> {
  try {
    const before = await fs.stat(path);
    if (!before.isFile()) return { kind: 'not-a-file' };
    const content = await fs.readFile(path);
    const after = await fs.stat(path);
    if (!after.isFile()) return { kind: 'not-a-file' };
    return { kind: 'read', before, content, after };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'EISDIR') return { kind: 'not-a-file' };
    return { kind: 'unreadable', error: new SnapshotReadError(path, error) };
  }
}

/**
 * Equal content alone is not enough: two reads can both land just after a truncate, or on the
 * same line-aligned prefix of two rewrites. Unchanged metadata from before the first read to after
 * the second proves no write happened in between.
 */
function unchangedBetween(first: Read, second: Read): boolean {
  const a = first.before;
  const b = second.after;
  return a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && b.size === second.content.length;
}

/** One read that matches an earlier stable snapshot and saw no write while it read. */
function agreesWith(known: NonNullable<StableSnapshotOptions['knownStable']>, read: Read): boolean {
  const { before, after, content } = read;
  const quiet = before.mtimeMs === after.mtimeMs && before.ctimeMs === after.ctimeMs && before.ino === after.ino && after.size === content.length;
  return quiet && after.mtimeMs === known.mtimeMs && content.length === known.size && createHash('sha256').update(content).digest('hex') === known.sha256;
}

function okSnapshot(read: Read, v4Count: number, v6Count: number): OkSnapshot {
  const { content } = read;
  const sha256 = createHash('sha256').update(content).digest('hex');
  const { mode } = read.after;
  return { kind: 'ok', content, sha256, size: content.length, mtimeMs: read.after.mtimeMs, v4Count, v6Count, ...(mode === undefined ? {} : { mode: mode & 0o7777 }) };
}

function checkOptions(path: unknown, options: StableSnapshotOptions): void {
  if (typeof path !== 'string' || path.length === 0) {
    throw new LeaseOptionError(`Expected the lease file path to be a non-empty string, got ${JSON.stringify(path)}`);
  }
  if (typeof options.parse !== 'function') {
    throw new LeaseOptionError(`Expected the \`parse\` option to be a function, got ${typeof options.parse}`);
  }
  const { maxAttempts, settleMs, emptySettleMs } = options;
  if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 2)) {
    throw new LeaseOptionError(`Expected the \`maxAttempts\` option to be an integer of at least 2, got \`${maxAttempts}\``);
  }
  if (settleMs !== undefined && (!Number.isFinite(settleMs) || settleMs < 0)) {
    throw new LeaseOptionError(`Expected the \`settleMs\` option to be a non-negative number, got \`${settleMs}\``);
  }
  if (emptySettleMs !== undefined && (!Number.isFinite(emptySettleMs) || emptySettleMs < 0)) {
    throw new LeaseOptionError(`Expected the \`emptySettleMs\` option to be a non-negative number, got \`${emptySettleMs}\``);
  }
}

/**
 * Reads a file that its writer rewrites in place until two consecutive reads are byte-identical,
 * with no write in between, and parse cleanly: the content returned is never a torn file.
 */
export async function readStableSnapshot(path: string, options: StableSnapshotOptions): Promise<Snapshot> {
  checkOptions(path, options);
  const { parse, maxAttempts = 10, settleMs = 20, emptySettleMs = 500, fs = nodeFs } = options;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let previous: Read | undefined;
  // First of two agreeing empty reads, waiting for the longer confirmation.
  let empty: Read | undefined;
  let lastError = 'the file was read only once';

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await sleep(empty === undefined ? settleMs : emptySettleMs);
    const read = await readOnce(fs, path);
    if (read.kind !== 'read') return read;
    const { content } = read;
    if (empty !== undefined) {
      if (content.length === 0 && unchangedBetween(empty, read)) return okSnapshot(read, 0, 0);
      lastError = 'the file was empty, then written to (a rewrite caught between its truncate and its writes)';
      empty = undefined;
      previous = read;
      continue;
    }
    if (previous === undefined) {
      const known = options.knownStable;
      if (known !== undefined && content.length > 0 && agreesWith(known, read)) {
        const parsed = parse(content.toString('utf8'));
        if (parsed.ok) return okSnapshot(read, parsed.v4.length, parsed.v6.length);
      }
      previous = read;
      continue;
    }
    if (!previous.content.equals(content)) {
      lastError = `the content changed between two reads ${settleMs} ms apart (${previous.content.length} then ${content.length} bytes)`;
    } else if (!unchangedBetween(previous, read)) {
      lastError = `the file was written to between two reads ${settleMs} ms apart (its size, mtime or ctime changed)`;
    } else {
      const parsed = parse(content.toString('utf8'));
      if (parsed.ok && content.length === 0) {
        empty = previous;
        lastError = `the file is empty: not confirmed by a read ${emptySettleMs} ms later`;
      }      else if (parsed.ok) return okSnapshot(read, parsed.v4.length, parsed.v6.length);
      else lastError = parsed.errors[0]?.message ?? 'the parser reported a problem without a message';
    }
    previous = read;
  }
  return { kind: 'unstable', attempts: maxAttempts, lastError };
}
