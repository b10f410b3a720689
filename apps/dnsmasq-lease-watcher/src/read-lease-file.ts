// One stable, parsed read of a watched file, and the cheap stat the periodic check compares.
import { stat } from 'node:fs/promises';
import { parseDnsmasqLeases, parsePdLease, readStableDigest, type LeaseFileParser, type Snapshot } from '@routerd/leases';
import type { LeaseFormat } from './watched-files.js';

export type ReadLeaseFile = (path: string, format: LeaseFormat) => Promise<Snapshot>;

/** What a plain stat shows: "missing", "error:<code>", or the identity of the current content. */
export interface FileStamp {
  key: string;
  type?: 'file' | 'directory' | 'other';
  ino?: number;
  size?: number;
  mtimeMs?: number;
}

export type StampFile = (path: string) => Promise<FileStamp>;

const PARSERS: Record<LeaseFormat, LeaseFileParser> = { dnsmasq: parseDnsmasqLeases, 'pd-lease': parsePdLease };

// The watcher publishes the hash and counts, never the bytes: the digest keeps no copy of the file.
export const readLeaseFile: ReadLeaseFile = (path, format) => readStableDigest(path, { parse: PARSERS[format] });

export const stampFile: StampFile = async (path) => {
  try {
    const info = await stat(path);
    const type = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
    const key = `${type}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
    return { key, type, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
    return { key: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : `error:${code}` };
  }
};
