// Runs a DHCPServerPromotion's check (argv, no shell) under a deadline. node's execFile rather than
// @routerd/agent's runCommand: that import (execa, NATS through the bus) would about double the
// receiver's start, which every push waits for, and a check is one short command.
import { execFile } from 'node:child_process';

export interface CheckResult {
  /** Undefined when it could not run, timed out or was killed. */
  exitCode: number | undefined;
  timedOut: boolean;
  /** Why it could not run or did not finish. */
  error?: string;
}

export function runCheck(argv: readonly string[], deadlineMs: number): Promise<CheckResult> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.resolve({ exitCode: undefined, timedOut: false, error: 'an empty command' });
  return new Promise((resolve) => {
    execFile(file, args, { timeout: deadlineMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 }, (error) => {
      if (error === null) return resolve({ exitCode: 0, timedOut: false });
      if (typeof error.code === 'number') return resolve({ exitCode: error.code, timedOut: false });
      if (error.killed === true) return resolve({ exitCode: undefined, timedOut: true });
      resolve({ exitCode: undefined, timedOut: false, error: `could not run: ${error.message}` });
    });
  });
}
