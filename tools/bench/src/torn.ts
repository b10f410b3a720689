// Torn files: dnsmasq-like chunked rewrites of the lease file (truncate, then 4 KiB stdio flushes a
// fraction of a millisecond apart, fsync), and what lands on the standby classified as a complete
// version that was written, or torn/truncated (any other bytes).
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { BenchOptionError } from './errors.js';

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export interface ShippedCount {
  /** Distinct contents seen on the standby that equal a version the writer completed. */
  complete: number;
  /** Distinct contents seen on the standby that equal no written version. */
  torn: number;
  /** Of the torn ones, those that do not end with a newline (cut inside a line). */
  cutMidLine: number;
}

/** Classifies the distinct contents observed on the standby against the versions written. */
export function countShipped(observed: ReadonlyMap<string, Buffer>, written: ReadonlySet<string>): ShippedCount {
  let complete = 0;
  let torn = 0;
  let cutMidLine = 0;
  for (const [hash, content] of observed) {
    if (written.has(hash)) complete += 1;
    else {
      torn += 1;
      if (content.length > 0 && content[content.length - 1] !== 0x0a) cutMidLine += 1;
    }
  }
  return { complete, torn, cutMidLine };
}

/** Chunk boundaries of a stdio-buffered rewrite: [start, end) pairs of at most `chunk` bytes. */
export function chunks(length: number, chunk: number): [number, number][] {
  if (!Number.isInteger(chunk) || chunk <= 0) throw new BenchOptionError(`chunk size: expected a positive integer, found ${chunk}`);
  const out: [number, number][] = [];
  for (let start = 0; start < length; start += chunk) out.push([start, Math.min(length, start + chunk)]);
  return out;
}

/**
 * Rewrites `path` in place as dnsmasq does, in `chunk`-byte writes spread over `spanMs` (dnsmasq
 * takes 9-20 ms for 3,000 leases), then fsync and close. The file is short or partly old in between.
 */
export async function chunkedRewrite(path: string, data: Buffer, spanMs: number, chunk = 4096): Promise<void> {
  const parts = chunks(data.length, chunk);
  const fd = await open(path, 'r+');
  try {
    const t0 = performance.now();
    await fd.truncate(0);
    for (let i = 0; i < parts.length; i++) {
      const due = t0 + (spanMs * i) / parts.length;
      while (performance.now() < due) await new Promise((resolve) => setImmediate(resolve));
      const [start, end] = parts[i]!;
      await fd.write(data, start, end - start, start);
    }
    await fd.sync();
  } finally {
    await fd.close();
  }
}

/** Watches a standby file (inotify on its directory plus a `pollMs` poll) and keeps every distinct content seen. */
export function observeStandby(path: string, pollMs = 5): { stop(): Promise<Map<string, Buffer>> } {
  const seen = new Map<string, Buffer>();
  let reading = false;
  let again = false;
  let stopped = false;
  const look = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    do {
      again = false;
      const content = await readFile(path).catch(() => undefined);
      if (content !== undefined) {
        const hash = sha256(content);
        if (!seen.has(hash)) seen.set(hash, content);
      }
    } while (again && !stopped);
    reading = false;
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), (_event, file) => {
      if (file === null || file === basename(path)) void look();
    });
    watcher.on('error', () => undefined);
  } catch {
    // The poll covers it.
  }
  const timer = setInterval(() => void look(), pollMs);
  void look();
  return {
    async stop() {
      stopped = true;
      watcher?.close();
      clearInterval(timer);
      while (reading) await new Promise((resolve) => setTimeout(resolve, 5));
      return seen;
    },
  };
}
