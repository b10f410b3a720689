import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

import { LeaseOptionError, SnapshotReadError } from './errors.js';
import { lineFeed } from './line-feed.js';
import type { LeaseFileCheck, LeaseFileParse, LeaseFileParser } from './types.js';

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
  /**
   * The file's bytes in order, each chunk valid until the next is asked for. Without it, readFile's
   * Buffer is the one chunk.
   */
  readChunks?(path: string): AsyncIterable<Buffer>;
}

export interface OkSnapshot {
  readonly kind: 'ok';
  /** The bytes read: readStableSnapshot gives them, readStableDigest does not keep them. */
  readonly content?: Buffer;
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly v4Count: number;
  readonly v6Count: number;
  /** Permission bits of the file read, for a copy that keeps them. */
  readonly mode?: number;
}

export type Snapshot<Ok extends OkSnapshot = OkSnapshot> =
  | Ok
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
  readonly knownStable?: KnownStable;
  /**
   * Memory the reads may overwrite instead of allocating (when the file fits): the content of an
   * earlier snapshot the caller is done with. The garbage collector frees a Buffer's memory late:
   * each read of a 100,000-lease file left another 8 MB behind until about 32 MB had piled up.
   * readStableSnapshot only: the digest keeps no content.
   */
  readonly buffer?: Buffer;
}

export interface KnownStable {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

const CHUNK_BYTES = 128 * 1024;

// O_NONBLOCK: opening a FIFO planted at the path must not hang the reader.
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

async function* readChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, READ_FLAGS);
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

const nodeFs: SnapshotFs = {
  stat: (path) => stat(path),
  readFile: (path) => readFile(path, { flag: READ_FLAGS }),
  readChunks,
};

async function* chunksOf(fs: SnapshotFs, path: string): AsyncGenerator<Buffer> {
  if (fs.readChunks !== undefined) yield* fs.readChunks(path);
  else yield await fs.readFile(path);
}

/** One read: its hash and size, and the parser's verdict when the read was checked. */
interface Read {
  readonly kind: 'read';
  readonly before: SnapshotStat;
  readonly after: SnapshotStat;
  readonly size: number;
  readonly sha256: string;
  readonly check: LeaseFileCheck | undefined;
}

/** Every snapshot but a stable one: what a single read can already tell. */
type NoSnapshot = Exclude<Snapshot, OkSnapshot>;

/** `content`: the bytes read, when kept; `memory`: the whole buffer they are in, for the next read. */
type ReadOutcome = { readonly read: Read; readonly content: Buffer | undefined; readonly memory: Buffer | undefined } | NoSnapshot;

interface ReadPlan {
  readonly parse: LeaseFileParser;
  /** Whether this read could be the one returned, so its content must pass the parser. */
  readonly check: (before: SnapshotStat) => boolean;
  /** Keep the bytes read (the caller ships them); `spare` is a buffer of an earlier read to reuse. */
  readonly keep: boolean;
  readonly spare: Buffer | undefined;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function checkOf(parsed: LeaseFileParse): LeaseFileCheck {
  return parsed.ok ? { ok: true, v4Count: parsed.v4.length, v6Count: parsed.v6.length } : parsed;
}

/** `buffer` with room for `needed` bytes, keeping its first `used` bytes. */
function withRoom(buffer: Buffer, used: number, needed: number): Buffer {
  if (needed <= buffer.length) return buffer;
  const larger = Buffer.allocUnsafe(Math.max(needed, buffer.length * 2));
  buffer.copy(larger, 0, 0, used);
  return larger;
}

/**
 * Hashes the file while reading it in chunks, and checks it line by line when the parser can, so a
 * read holds at most one copy of the file: the one kept to be shipped, or the whole text for a parser
 * without a line check (lease.json, a few hundred bytes).
 */
async function readOnce(fs: SnapshotFs, path: string, plan: ReadPlan): Promise<ReadOutcome> {
  try {
    const before = await fs.stat(path);
    if (!before.isFile()) return { kind: 'not-a-file' };
    const checked = plan.check(before);
    const feed = checked && plan.parse.lines !== undefined ? lineFeed(plan.parse.lines()) : undefined;
    const whole = plan.keep || (checked && feed === undefined);
    let content = whole ? withRoom(plan.spare ?? Buffer.alloc(0), 0, before.size) : undefined;
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of chunksOf(fs, path)) {
      hash.update(chunk);
      feed?.push(chunk);
      if (content !== undefined) {
        content = withRoom(content, size, size + chunk.length);
        chunk.copy(content, size);
      }
      size += chunk.length;
    }
    const after = await fs.stat(path);
    if (!after.isFile()) return { kind: 'not-a-file' };
    const bytes = content?.subarray(0, size);
    let check: LeaseFileCheck | undefined;
    if (feed !== undefined) check = feed.end();
    else if (checked) check = checkOf(plan.parse(bytes?.toString('utf8') ?? ''));
    const read: Read = { kind: 'read', before, after, size, sha256: hash.digest('hex'), check };
    return plan.keep ? { read, content: bytes, memory: content } : { read, content: undefined, memory: undefined };
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
  return sameFile(first.before, second.after) && second.after.size === second.size;
}

function sameFile(a: SnapshotStat, b: SnapshotStat): boolean {
  return a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** One read that matches an earlier stable snapshot and saw no write while it read. */
function agreesWith(known: KnownStable, read: Read): boolean {
  const quiet = sameFile(read.before, read.after) && read.after.size === read.size;
  return quiet && read.after.mtimeMs === known.mtimeMs && read.size === known.size && read.sha256 === known.sha256;
}

function okSnapshot(read: Read, v4Count: number, v6Count: number): OkSnapshot {
  const { mode } = read.after;
  return { kind: 'ok', sha256: read.sha256, size: read.size, mtimeMs: read.after.mtimeMs, v4Count, v6Count, ...(mode === undefined ? {} : { mode: mode & 0o7777 }) };
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
 * Reads are compared by size and sha256, each computed while reading; the snapshot's content is the
 * last read's bytes, the only copy of the file held.
 */
export async function readStableSnapshot(path: string, options: StableSnapshotOptions): Promise<Snapshot<OkSnapshot & { readonly content: Buffer }>> {
  const outcome = await readStable(path, options, true);
  return outcome.kind === 'ok' ? { ...outcome.snapshot, content: outcome.content } : outcome;
}

/**
 * The same stable read as readStableSnapshot, proved the same way, for a caller that needs only the
 * hash, size and counts: it keeps no copy of the file, and checks it line by line as it reads.
 */
export async function readStableDigest(path: string, options: StableSnapshotOptions): Promise<Snapshot> {
  const outcome = await readStable(path, options, false);
  return outcome.kind === 'ok' ? outcome.snapshot : outcome;
}

type StableOutcome = { readonly kind: 'ok'; readonly snapshot: OkSnapshot; readonly content: Buffer } | NoSnapshot;

async function readStable(path: string, options: StableSnapshotOptions, keep: boolean): Promise<StableOutcome> {
  checkOptions(path, options);
  const { parse, maxAttempts = 10, settleMs = 20, emptySettleMs = 500, fs = nodeFs, knownStable: known } = options;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let previous: Read | undefined;
  // First of two agreeing empty reads, waiting for the longer confirmation.
  let empty: Read | undefined;
  let spare = keep ? options.buffer : undefined;
  let lastError = 'the file was read only once';
  const ok = (read: Read, content: Buffer | undefined, v4Count: number, v6Count: number): StableOutcome => ({
    kind: 'ok',
    snapshot: okSnapshot(read, v4Count, v6Count),
    content: content ?? Buffer.alloc(0),
  });
  // Only a read that can be returned is checked: one that may agree with the previous read (same
  // size and stat before it), or a first read that may agree with the known snapshot.
  const check = (before: SnapshotStat): boolean => {
    if (empty !== undefined) return false;
    if (previous !== undefined) return before.size === previous.size && sameFile(before, previous.before);
    return known !== undefined && before.size > 0 && before.size === known.size && before.mtimeMs === known.mtimeMs;
  };

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await sleep(empty === undefined ? settleMs : emptySettleMs);
    const outcome = await readOnce(fs, path, { parse, check, keep, spare });
    if (!('read' in outcome)) return outcome;
    const { read, content } = outcome;
    // This read's buffer is reused by the next one unless this read is returned.
    spare = outcome.memory;
    if (empty !== undefined) {
      if (read.size === 0 && unchangedBetween(empty, read)) return ok(read, content, 0, 0);
      lastError = 'the file was empty, then written to (a rewrite caught between its truncate and its writes)';
      empty = undefined;
      previous = read;
      continue;
    }
    if (previous === undefined) {
      if (known !== undefined && read.size > 0 && read.check?.ok === true && agreesWith(known, read)) {
        return ok(read, content, read.check.v4Count, read.check.v6Count);
      }
      previous = read;
      continue;
    }
    if (previous.sha256 !== read.sha256 || previous.size !== read.size) {
      lastError = `the content changed between two reads ${settleMs} ms apart (${previous.size} then ${read.size} bytes)`;
    } else if (!unchangedBetween(previous, read) || read.check === undefined) {
      lastError = `the file was written to between two reads ${settleMs} ms apart (its size, mtime or ctime changed)`;
    } else if (!read.check.ok) {
      lastError = read.check.errors[0]?.message ?? 'the parser reported a problem without a message';
    } else if (read.size === 0) {
      empty = previous;
      lastError = `the file is empty: not confirmed by a read ${emptySettleMs} ms later`;
    } else return ok(read, content, read.check.v4Count, read.check.v6Count);
    previous = read;
  }
  return { kind: 'unstable', attempts: maxAttempts, lastError };
}
