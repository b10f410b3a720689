// Connection reuse leaves an ssh ControlMaster running per target (ControlPersist). On stop we ask
// each to exit, so the syncer leaves no ssh process behind (invariant 7). A master whose peer went
// silent is closed before the next attempt: asked to exit, then killed, found by `ssh -O check`.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { splitRshCommand, type TargetPlan } from '@routerd/model';
import type { RunCommand } from '@routerd/agent';

/** Bound of each `ssh -O` request: it only talks to the local master, over its socket. */
const CONTROL_DEADLINE_MS = 3000;
/** How long a master gets to end after being asked to, or after SIGTERM. */
const END_WAIT_MS = 1000;

function controlPath(target: TargetPlan): string | undefined {
  for (const part of splitRshCommand(target.sshCommand)) {
    const match = /^(?:-o)?ControlPath=(.+)$/i.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** The ssh argv of `-O check` or `-O exit` for the master of `target`; undefined when it does not reuse connections. */
export function masterControlArgv(target: TargetPlan, command: 'check' | 'exit'): string[] | undefined {
  if (controlPath(target) === undefined) return undefined;
  const host = target.user === undefined ? target.host : `${target.user}@${target.host}`;
  return [...splitRshCommand(target.sshCommand), '-O', command, host];
}

const control = (run: RunCommand, argv: string[]) => run(argv, { signal: new AbortController().signal, deadlineMs: CONTROL_DEADLINE_MS });

export async function closeMasters(targets: readonly TargetPlan[], run: RunCommand): Promise<void> {
  await Promise.all(
    targets.map(async (target) => {
      const argv = masterControlArgv(target, 'exit');
      // Exit status 255 means no master was running: nothing to close.
      if (argv) await control(run, argv);
    }),
  );
}

/** How a stale master is looked at and ended; tests replace it. */
export interface MasterProcesses {
  /** The NUL-separated command line, '' for a zombie, undefined when there is no such process. */
  cmdline(pid: number): Promise<string | undefined>;
  kill(pid: number, signal: NodeJS.Signals): void;
}

export const systemProcesses: MasterProcesses = {
  cmdline: (pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined),
  kill(pid, signal) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function gone(pid: number, procs: MasterProcesses, withinMs: number): Promise<boolean> {
  for (let waited = 0; ; waited += 100) {
    const cmdline = await procs.cmdline(pid);
    if (cmdline === undefined || cmdline === '') return true;
    if (waited >= withinMs) return false;
    await sleep(100);
  }
}

/** What closeStaleMaster did: nothing (no master, or not ours), or a master ended; and a line for the log. */
export interface MasterClosing {
  ended: boolean;
  detail: string;
}

/**
 * Ends the ControlMaster of `target` if one runs: `ssh -O exit`, then SIGTERM and SIGKILL to the pid
 * `ssh -O check` gave, only while that pid is still an ssh mux under our control directory.
 * Resolves with what it did, for the log; never throws.
 */
export async function closeStaleMaster(target: TargetPlan, run: RunCommand, procs: MasterProcesses = systemProcesses): Promise<MasterClosing> {
  const none = (detail: string): MasterClosing => ({ ended: false, detail: `${target.host}: ${detail}` });
  const ended = (detail: string): MasterClosing => ({ ended: true, detail: `${target.host}: ${detail}` });
  const path = controlPath(target);
  const check = masterControlArgv(target, 'check');
  const exit = masterControlArgv(target, 'exit');
  if (path === undefined || check === undefined || exit === undefined) return none('no connection reuse, no master to close');
  const pid = Number(/Master running \(pid=(\d+)\)/.exec((await control(run, check)).output)?.[1] ?? Number.NaN);
  if (!Number.isInteger(pid) || pid <= 1) return none('no master running');
  await control(run, exit);
  if (await gone(pid, procs, END_WAIT_MS)) return ended(`master pid ${pid} exited on request`);
  // The master renames itself "ssh: <control path> [mux]": anything else is not ours (a reused pid).
  const isOurs = (cmdline: string | undefined) => cmdline !== undefined && cmdline.startsWith('ssh: ') && cmdline.includes('[mux]') && cmdline.includes(dirname(path));
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    const cmdline = await procs.cmdline(pid);
    if (cmdline === undefined || cmdline === '') return ended(`master pid ${pid} ended`);
    if (!isOurs(cmdline)) return none(`pid ${pid} is no longer our ssh master, left alone`);
    procs.kill(pid, signal);
    if (await gone(pid, procs, END_WAIT_MS)) return ended(`master pid ${pid} did not exit on request, ended with ${signal}`);
  }
  return none(`master pid ${pid} survived SIGKILL`);
}
