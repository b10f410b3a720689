// Processes the bench starts: agents (node dist/main.js), each with its log file; stopped by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { BenchSetupError } from './errors.js';

export interface Started {
  name: string;
  pid: number;
  child: ChildProcess;
  /** performance.now() at spawn. */
  startedAt: number;
  exited: () => boolean;
}

export function startProcess(name: string, file: string, args: readonly string[], env: NodeJS.ProcessEnv, logFile: string): Started {
  const fd = openSync(logFile, 'a');
  try {
    const startedAt = performance.now();
    const child = spawn(file, args, { env, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new BenchSetupError(`${name}: could not spawn ${file} ${args.join(' ')}`);
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    child.once('error', () => {
      exited = true;
    });
    return { name, pid: child.pid, child, startedAt, exited: () => exited };
  } finally {
    closeSync(fd);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopProcess(started: Started, graceMs = 5000): Promise<void> {
  if (started.exited()) return;
  const exit = new Promise<void>((resolve) => started.child.once('exit', () => resolve()));
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), graceMs);
  await exit;
  clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
