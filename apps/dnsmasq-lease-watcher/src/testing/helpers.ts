// Test helpers: a log recorder, waiting for a condition, fixtures, and writing a file the way dnsmasq does.
import { readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '@routerd/testkit';
import type { WatchLog } from '../log.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: object;
}

export function recordingLog(): WatchLog & { lines: LogLine[]; messages(level?: LogLine['level']): string[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: object, message: string) => {
    lines.push({ level, message, fields });
  };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    messages: (level) => lines.filter((l) => level === undefined || l.level === level).map((l) => l.message),
  };
}

export { sleep } from '@routerd/testkit';

/** Polls until `check` holds; throws with `what` after `timeoutMs`. */
export function waitFor(what: string, check: () => boolean, timeoutMs = 3000): Promise<true> {
  return waitUntil(check, { what, timeoutMs, intervalMs: 5 });
}

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../test-fixtures/${name}`, import.meta.url)), 'utf8');
}

/** What dnsmasq does on every change, on a descriptor it keeps open: rewind, truncate, write, fsync. */
export async function rewriteInPlace(handle: FileHandle, content: string): Promise<void> {
  await handle.truncate(0);
  const bytes = Buffer.from(content);
  await handle.write(bytes, 0, bytes.length, 0);
  await handle.sync();
}
