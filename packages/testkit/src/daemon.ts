import { execa } from 'execa';

import { ComponentStartError } from './errors.js';
import { guardGroup, releaseGroup } from './exit-guard.js';
import { descendants, signal, waitGone } from './process-tree.js';

/** A long-running process in its own process group, spawned from an argv (no shell). */
export interface Daemon {
  readonly pid: number;
  /** Resolves (never rejects) when the process has exited and been reaped. */
  readonly exited: Promise<{ readonly exitCode: number | undefined; readonly signal: string | undefined }>;
  readonly hasExited: () => boolean;
}

export function spawnDaemon(component: string, file: string, args: readonly string[]): Daemon {
  const subprocess = execa(file, args, { detached: true, stdio: 'ignore', reject: false, cleanup: false });
  const { pid } = subprocess;
  if (pid === undefined) {
    // The spawn failed (e.g. ENOENT); execa resolves the promise with the error, nothing to wait for.
    throw new ComponentStartError(component, `could not spawn ${file}`);
  }
  guardGroup(pid);
  let done = false;
  const exited = subprocess.then((result) => {
    done = true;
    return { exitCode: result.exitCode, signal: result.signal };
  });
  return { pid, exited, hasExited: () => done };
}

/**
 * Stops the daemon's process group and any descendants that left it (sshd's per-connection
 * children call setsid): SIGTERM, then SIGKILL after `graceMs`; waits until all are gone.
 */
export async function stopDaemon(daemon: Daemon, graceMs = 3000): Promise<void> {
  const others = daemon.hasExited() ? [] : await descendants(daemon.pid);
  signal(-daemon.pid, 'SIGTERM');
  for (const pid of others) signal(pid, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([daemon.exited, timeout])) === 'timeout') signal(-daemon.pid, 'SIGKILL');
  await daemon.exited;
  if (!(await waitGone(others, graceMs))) {
    for (const pid of others) signal(pid, 'SIGKILL');
    await waitGone(others, graceMs);
  }
  releaseGroup(daemon.pid);
}
