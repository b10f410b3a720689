// An in-memory Io for tests: files by absolute path, captured output.
import type { Io } from '../io.js';

export interface MemoryIo extends Io {
  out(): string;
  err(): string;
}

export interface MemoryIoOptions {
  /** Absolute path → content, or an errno code ("EACCES", "EISDIR") to fail with. */
  files?: Record<string, string | { error: string }>;
  stdin?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

function osError(code: string, path: string): Error {
  const text: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'illegal operation on a directory',
  };
  return Object.assign(new Error(`${code}: ${text[code] ?? 'failed'}, open '${path}'`), { code, path });
}

export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  let out = '';
  let err = '';
  const files = options.files ?? {};
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    readFile: (path) => {
      const entry = files[path];
      if (entry === undefined) return Promise.reject(osError('ENOENT', path));
      if (typeof entry !== 'string') return Promise.reject(osError(entry.error, path));
      return Promise.resolve(entry);
    },
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    env: options.env ?? {},
    cwd: options.cwd ?? '/work',
    out: () => out,
    err: () => err,
  };
}
