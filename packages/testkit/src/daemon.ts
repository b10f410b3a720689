import { guardGroup, releaseGroup } from './exit-guard.js';
import { startProcess, type StartedProcess } from './process.js';
import { descendants, killQuietly, waitGone } from './process-tree.js';

/** A long-running process in its own process group, killed with its group if a suite forgets to stop it. */
export type Daemon = StartedProcess;

export function spawnDaemon(component: string, file: string, args: readonly string[]): Daemon {
  const daemon = startProcess(component, [file, ...args], { group: true });
  guardGroup(daemon.pid);
  return daemon;
}

/**
 * Stops the daemon's process group and any descendants that left it (sshd's per-connection
 * children call setsid): SIGTERM, then SIGKILL after `graceMs`; waits until all are gone.
 */
export async function stopDaemon(daemon: Daemon, graceMs = 3000): Promise<void> {
  const others = daemon.hasExited() ? [] : await descendants(daemon.pid);
  killQuietly(-daemon.pid, 'SIGTERM');
  for (const pid of others) killQuietly(pid, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([daemon.exited, timeout])) === 'timeout') killQuietly(-daemon.pid, 'SIGKILL');
  await daemon.exited;
  if (!(await waitGone(others, graceMs))) {
    for (const pid of others) killQuietly(pid, 'SIGKILL');
    await waitGone(others, graceMs);
  }
  releaseGroup(daemon.pid);
}
