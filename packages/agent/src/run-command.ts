// Runs a command an agent depends on (rsync, a DHCP server's start/stop): argv without a shell,
// under a deadline, killed with its whole process group (rsync's ssh child included) when the
// deadline passes or the caller aborts: SIGTERM, then SIGKILL after a grace.
import { boundOutput } from '@routerd/bus';
import { execa } from 'execa';

export interface CommandResult {
  /** Undefined when it could not run, timed out or was killed. */
  exitCode: number | undefined;
  /** stdout and stderr interleaved, bounded to their last 4 KiB. */
  output: string;
  durationMs: number;
  timedOut: boolean;
  aborted: boolean;
  /** Why it could not run at all (e.g. ENOENT). */
  error?: string;
}

export interface RunOptions {
  signal: AbortSignal;
  deadlineMs: number;
  /** Grace between SIGTERM and SIGKILL. */
  killGraceMs?: number;
}

export type RunCommand = (argv: readonly string[], options: RunOptions) => Promise<CommandResult>;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export const runCommand: RunCommand = async (argv, { signal, deadlineMs, killGraceMs = 2000 }) => {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('Expected a command argv with at least the program, got an empty array');
  const started = performance.now();
  // detached: the child leads its own process group, so one kill reaches its children too.
  const child = execa(file, args, { detached: true, reject: false, all: true, stdin: 'ignore', buffer: { all: true }, maxBuffer: 1_000_000 });
  let timedOut = false;
  let aborted = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (why: 'timeout' | 'abort') => {
    if (why === 'timeout') timedOut = true;
    else aborted = true;
    if (child.pid === undefined) return;
    const pid = child.pid;
    killGroup(pid, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), killGraceMs);
  };
  const deadline = setTimeout(() => stop('timeout'), deadlineMs);
  const onAbort = () => stop('abort');
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await child;
    const base = {
      exitCode: timedOut || aborted ? undefined : result.exitCode,
      output: boundOutput(typeof result.all === 'string' ? result.all.trimEnd() : ''),
      durationMs: Math.round(performance.now() - started),
      timedOut,
      aborted,
    };
    if (result.failed && result.exitCode === undefined && !timedOut && !aborted && result.signal === undefined) {
      return { ...base, error: result.shortMessage ?? `cannot run ${file}` };
    }
    return base;
  } finally {
    clearTimeout(deadline);
    if (killTimer) clearTimeout(killTimer);
    signal.removeEventListener('abort', onAbort);
    // A group member may outlive the leader: make sure it ends.
    if (child.pid !== undefined && (timedOut || aborted)) killGroup(child.pid, 'SIGKILL');
  }
};
