// Runs a command an agent depends on (rsync, a DHCP server's start/stop): argv without a shell,
// under a deadline, killed with its whole process group (rsync's ssh child included) when the
// deadline passes or the caller aborts: SIGTERM, then SIGKILL after a grace.
//
// The result is the command's exit, not the end of its output: a daemon it starts (a forking DHCP
// server, ssh's ControlMaster, which holds every mux client's stderr) may keep the pipes open in a
// session a group kill does not reach. So the promise settles at the exit plus a short drain, and
// in any case by the deadline plus the kill grace: a deadline is a deadline (invariant 11).
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
  /**
   * Runs it as this user (the caller must be root): no supplementary groups, HOME the user's, so that
   * ssh finds that user's key and known_hosts and shares its control sockets.
   */
  as?: RunAs;
}

export interface RunAs {
  uid: number;
  gid: number;
  home: string;
}

export type RunCommand = (argv: readonly string[], options: RunOptions) => Promise<CommandResult>;

/** How long output may still arrive after the exit before the pipes are let go. */
export const DRAIN_AFTER_EXIT_MS = 100;
/** Past deadline + kill grace: the result is given even if the process never reported its end. */
const SETTLE_MARGIN_MS = 100;
const MAX_KEPT_BYTES = 64 * 1024;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

type End = { kind: 'exit'; code: number | null } | { kind: 'error'; message: string } | { kind: 'hung' };

export const runCommand: RunCommand = async (argv, { signal, deadlineMs, killGraceMs = 2000, as }) => {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('Expected a command argv with at least the program, got an empty array');
  const started = performance.now();
  // detached: the child leads its own process group, so one kill reaches its children too.
  const user = as === undefined ? {} : { uid: as.uid, gid: as.gid, env: { HOME: as.home } };
  const child = execa(file, args, { detached: true, reject: false, all: true, stdin: 'ignore', buffer: false, ...user });
  // Its own result is not awaited (it waits for the pipes), except when the spawn itself failed: a
  // failure Node throws at once (EPERM: switching to `as` without CAP_SETUID) leaves a child that
  // never emits 'exit' nor 'error', only this result.
  let spawnFailed: (message: string) => void = () => undefined;
  child.then(
    (result) => {
      if (child.pid === undefined && result.failed) spawnFailed(result.cause instanceof Error ? result.cause.message : (result.shortMessage ?? 'it did not start'));
    },
    () => undefined,
  );

  let kept = '';
  const output = child.all;
  output?.setEncoding('utf8');
  output?.on('data', (chunk: string) => {
    kept = (kept + chunk).slice(-MAX_KEPT_BYTES);
  });
  output?.on('error', () => undefined);

  let timedOut = false;
  let aborted = false;
  const timers: NodeJS.Timeout[] = [];
  let settleHung: () => void = () => undefined;
  const stop = (why: 'timeout' | 'abort') => {
    if (timedOut || aborted) return;
    if (why === 'timeout') timedOut = true;
    else aborted = true;
    if (child.pid === undefined) return;
    const pid = child.pid;
    killGroup(pid, 'SIGTERM');
    timers.push(setTimeout(() => killGroup(pid, 'SIGKILL'), killGraceMs));
    timers.push(setTimeout(() => settleHung(), killGraceMs + SETTLE_MARGIN_MS));
  };
  timers.push(setTimeout(() => stop('timeout'), deadlineMs));
  const onAbort = () => stop('abort');
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });

  try {
    const end = await new Promise<End>((resolve) => {
      settleHung = () => resolve({ kind: 'hung' });
      child.once('exit', (code) => resolve({ kind: 'exit', code }));
      child.once('error', (error) => resolve({ kind: 'error', message: error.message }));
      spawnFailed = (message) => resolve({ kind: 'error', message });
    });
    if (end.kind === 'exit') await drained(output, DRAIN_AFTER_EXIT_MS);
    // Whatever still holds the pipes keeps its end; this side stops reading.
    output?.destroy();
    child.stdout?.destroy();
    child.stderr?.destroy();
    const base = {
      exitCode: timedOut || aborted || end.kind !== 'exit' || end.code === null ? undefined : end.code,
      output: boundOutput(kept.trimEnd()),
      durationMs: Math.round(performance.now() - started),
      timedOut,
      aborted,
    };
    return end.kind === 'error' && !timedOut && !aborted ? { ...base, error: `cannot run ${file}: ${end.message}` } : base;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    // A group member may outlive the leader: make sure it ends.
    if (child.pid !== undefined && (timedOut || aborted)) killGroup(child.pid, 'SIGKILL');
  }
};

/** Resolves when `stream` has ended, or after `ms`, whichever comes first. */
function drained(stream: NodeJS.ReadableStream | undefined, ms: number): Promise<void> {
  if (stream === undefined || (stream as { readableEnded?: boolean }).readableEnded === true) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stream?.off('end', done);
      stream?.off('close', done);
      resolve();
    }
    stream.once('end', done);
    stream.once('close', done);
  });
}
