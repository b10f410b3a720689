// dnsmasq's way of writing its lease file: open r+, ftruncate, write, fsync, on the same inode.
import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { LeaseWriter } from './lease-writer.js';

/** Rewrites `path` in place (it must exist); synchronous so a burst is not paced by the event loop. */
export function rewriteInPlace(path: string, content: string | Buffer): void {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, 0);
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A burst: `writes` whole rewrites of `path` from `writer`, paced at one per millisecond at most (the
 * event loop is yielded between them). Returns the last content and when the first and last were due.
 */
export async function pacedRewrites(path: string, writer: LeaseWriter, writes: number): Promise<{ last: Buffer; t0: number; tLast: number }> {
  const t0 = performance.now();
  let last = writer.current();
  for (let i = 0; i < writes; i++) {
    const due = t0 + i;
    while (performance.now() < due) await new Promise((resolve) => setImmediate(resolve));
    last = writer.next();
    rewriteInPlace(path, last);
  }
  return { last, t0, tLast: performance.now() };
}
