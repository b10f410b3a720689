// dnsmasq's way of writing its lease file: open r+, ftruncate, write, fsync, on the same inode.
import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';

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
