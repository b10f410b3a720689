// What runs on this host, from /proc: descendants, liveness, processes by their command line.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

import { waitFor, WaitTimeoutError } from './wait.js';

interface ProcInfo {
  readonly ppid: number;
  readonly state: string;
}

function procInfo(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0] ?? '?', ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}

async function pids(): Promise<number[]> {
  return (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
}

/** Every live descendant of `pid` (children, grandchildren, ...). */
export async function descendants(pid: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const child of await pids()) {
    const info = procInfo(child);
    if (info === undefined) continue;
    const siblings = children.get(info.ppid) ?? [];
    siblings.push(child);
    children.set(info.ppid, siblings);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** True while the process exists (ours to signal or not) and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EPERM')) return false;
  }
  const info = procInfo(pid);
  return info !== undefined && info.state !== 'Z';
}

/** Signals a process (or, with a negative pid, its group); never this process or its group, never pid 0 or -1. */
export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!Number.isInteger(pid) || pid === 0 || pid === -1 || Math.abs(pid) === process.pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Waits until none of `pids` is alive; false when some still are after `timeoutMs`. */
export async function waitGone(list: readonly number[], timeoutMs: number): Promise<boolean> {
  try {
    await waitFor(`pids ${list.join(', ')} to exit`, () => (list.some(isAlive) ? undefined : true), { timeoutMs, intervalMs: 20 });
    return true;
  } catch (error) {
    if (error instanceof WaitTimeoutError) return false;
    throw error;
  }
}

export interface ProcessEntry {
  pid: number;
  /** argv joined with spaces (an ssh ControlMaster shows "ssh: <socket> [mux]"). */
  cmdline: string;
}

/** Every process whose command line contains `text`, this process excluded: leftovers after a stop. */
export async function processesMentioning(text: string): Promise<ProcessEntry[]> {
  if (text.length < 4) throw new RangeError(`processesMentioning: expected a distinctive text of 4 or more characters, got ${JSON.stringify(text)}`);
  const found: ProcessEntry[] = [];
  for (const pid of await pids()) {
    if (pid === process.pid) continue;
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (raw.includes(text)) found.push({ pid, cmdline: raw.replaceAll('\0', ' ').trim() });
  }
  return found;
}
