// Commands as argv (no shell), with a deadline; daemons started detached with their output in a log file.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { execa } from 'execa';
import { CommandError } from './errors.js';

export interface RunOptions {
  timeoutMs?: number;
  /** false: return the result of a non-zero exit instead of throwing. */
  check?: boolean;
  env?: Record<string, string>;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export async function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new RangeError('run: expected a non-empty argv, found []');
  const result = await execa(file, args, {
    reject: false,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    stdin: 'ignore',
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const exitCode = typeof result.exitCode === 'number' ? result.exitCode : -1;
  const out = { exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
  if (result.failed && result.exitCode === undefined) throw new CommandError(argv, undefined, String(result.message ?? result.shortMessage ?? ""), { cause: result });
  if (options.check !== false && exitCode !== 0) throw new CommandError(argv, exitCode, `${out.stderr}\n${out.stdout}`);
  return out;
}

/** Starts a long-running process in its own session, output appended to logFile; returns its PID. */
export function startDaemon(argv: readonly string[], logFile: string, env?: Record<string, string>): number {
  const [file, ...args] = argv;
  if (file === undefined) throw new RangeError('startDaemon: expected a non-empty argv, found []');
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(file, args, { detached: true, stdio: ['ignore', fd, fd], ...(env === undefined ? {} : { env: { ...process.env, ...env } }) });
    if (child.pid === undefined) throw new CommandError(argv, undefined, `no process id (see ${logFile})`);
    child.on('error', () => undefined);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** SIGTERM, then SIGKILL after graceMs; true when the process is gone. */
export async function stopPid(pid: number, graceMs = 3_000): Promise<boolean> {
  if (!isAlive(pid)) return true;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return !isAlive(pid);
  }
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await sleep(100);
  return !isAlive(pid);
}
