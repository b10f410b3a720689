// Processes started from an argv (no shell), output appended to a log file, and stopped by PID.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

import { ComponentStartError, TestkitOptionError } from './errors.js';
import { isAlive, killQuietly, waitGone } from './process-tree.js';

export interface ProcessExit {
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
}

export interface StartedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves (never rejects) once the process has exited. */
  readonly exited: Promise<ProcessExit>;
  readonly hasExited: () => boolean;
}

export interface StartOptions {
  /** stdout and stderr are appended to this file; default: discarded. */
  logFile?: string;
  /** The whole environment; default this process's. */
  env?: NodeJS.ProcessEnv;
  /** In a process group of its own: a signal to -pid reaches its children too. */
  group?: boolean;
  /** Keeps running after this process exits, which does not wait for it (a group of its own too). */
  outlive?: boolean;
}

export function startProcess(name: string, argv: readonly string[], options: StartOptions = {}): StartedProcess {
  const [file, ...args] = argv;
  if (file === undefined) throw new TestkitOptionError(`startProcess(${name}): expected a non-empty argv, found []`);
  const out = options.logFile === undefined ? 'ignore' : openSync(options.logFile, 'a');
  try {
    const detached = options.group === true || options.outlive === true;
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: ['ignore', out, out], detached });
    let exit: ProcessExit | undefined;
    const exited = new Promise<ProcessExit>((resolve) => {
      const settle = (value: ProcessExit) => resolve((exit ??= value));
      child.once('exit', (code, signal) => settle({ exitCode: code ?? undefined, signal: signal ?? undefined }));
      // A spawn failure (ENOENT) is reported here, after pid came back undefined.
      child.once('error', () => settle({ exitCode: undefined, signal: undefined }));
    });
    if (child.pid === undefined) throw new ComponentStartError(name, `could not spawn ${file}${options.logFile === undefined ? '' : ` (see ${options.logFile})`}`);
    if (options.outlive === true) child.unref();
    return { name, pid: child.pid, exited, hasExited: () => exit !== undefined };
  } finally {
    if (typeof out === 'number') closeSync(out);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; true once the process is gone. For processes of any parent. */
export async function stopPid(pid: number, graceMs = 3000): Promise<boolean> {
  if (!isAlive(pid)) return true;
  killQuietly(pid, 'SIGTERM');
  if (await waitGone([pid], graceMs)) return true;
  killQuietly(pid, 'SIGKILL');
  return waitGone([pid], 1000);
}

/** stopPid for a process this one started; resolves once it has exited. */
export async function stopProcess(started: StartedProcess, graceMs = 5000): Promise<ProcessExit> {
  if (!started.hasExited()) await stopPid(started.pid, graceMs);
  return started.exited;
}
