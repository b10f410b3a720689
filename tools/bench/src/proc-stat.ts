// CPU time and memory of a process from /proc/<pid>/stat and /proc/<pid>/status.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { BenchParseError } from './errors.js';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on every supported architecture. */
export const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcSample {
  pid: number;
  /** utime + stime, in ms. */
  cpuMs: number;
  /**
   * The CPU of its children, in ms: cutime + cstime (the children it has waited for, e.g. each `ip` it
   * ran), plus utime + stime + cutime + cstime of the children still running (the vip-watcher's
   * long-lived `ip -j -batch -`), so a child's time counts whether or not it has exited.
   */
  childCpuMs: number;
  rssKb: number;
  /** Peak RSS (VmHWM). */
  hwmKb: number;
  /** performance.now() when sampled. */
  at: number;
}

/** utime + stime and cutime + cstime (ms) from a /proc/<pid>/stat line; the comm field may hold spaces and parentheses. */
export function parseProcStat(text: string): { cpuMs: number; childCpuMs: number } {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new BenchParseError(`/proc stat: expected "pid (comm) state ...", found ${JSON.stringify(text.slice(0, 80))}`);
  // Fields after the comm start at field 3 (state); utime, stime, cutime and cstime are fields 14 to 17.
  const rest = text.slice(close + 2).trim().split(' ');
  const [utime, stime, cutime, cstime] = rest.slice(11, 15).map(Number);
  if (![utime, stime, cutime, cstime].every(Number.isInteger)) {
    throw new BenchParseError(`/proc stat: expected integer utime, stime, cutime and cstime in fields 14 to 17, found ${JSON.stringify(rest.slice(11, 15).join(' '))}`);
  }
  const ms = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  return { cpuMs: ms(utime! + stime!), childCpuMs: ms(cutime! + cstime!) };
}

/** VmRSS and VmHWM (kB) from /proc/<pid>/status. */
export function parseProcStatus(text: string): { rssKb: number; hwmKb: number } {
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text);
    if (!match) throw new BenchParseError(`/proc status: expected a line "${name}: <n> kB", found none`);
    return Number(match[1]);
  };
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** The pids of the process's running children (/proc/<pid>/task/<tid>/children, every thread's). */
async function runningChildren(pid: number): Promise<number[]> {
  let tids: string[];
  try {
    tids = await readdir(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const lists = await Promise.all(tids.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')));
  return lists.flatMap((text) => text.split(' ').filter((word) => word !== '').map(Number));
}

/** A running child's own CPU and that of the children it reaped; a child gone meanwhile counts 0 here (its time moved to the parent's cutime). */
async function runningChildCpuMs(pid: number): Promise<number> {
  let total = 0;
  for (const child of await runningChildren(pid)) {
    const stat = await readFile(`/proc/${child}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    const { cpuMs, childCpuMs } = parseProcStat(stat);
    total += cpuMs + childCpuMs;
  }
  return total;
}

export async function sampleProcess(pid: number): Promise<ProcSample> {
  const [stat, status, running] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8'), runningChildCpuMs(pid)]);
  const own = parseProcStat(stat);
  return { pid, cpuMs: own.cpuMs, childCpuMs: own.childCpuMs + running, ...parseProcStatus(status), at: performance.now() };
}

/**
 * Resets the process's peak RSS (VmHWM) to its current RSS (proc(5), clear_refs "5"; root), so the
 * next sample's peak is the one reached since, not at start-up or in an earlier scenario.
 */
export async function resetPeakRss(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5');
}

function percentOfWall(before: ProcSample, after: ProcSample, cpuMs: (sample: ProcSample) => number): number {
  const wall = after.at - before.at;
  if (before.pid !== after.pid || wall <= 0) {
    throw new BenchParseError(`Expected two samples of one process in time order, got pid ${before.pid} then ${after.pid} over ${wall} ms`);
  }
  return Math.round(((cpuMs(after) - cpuMs(before)) / wall) * 100 * 100) / 100;
}

/** CPU use of the process itself between two samples, in percent of one core. */
export function cpuPercent(before: ProcSample, after: ProcSample): number {
  return percentOfWall(before, after, (s) => s.cpuMs);
}

/** CPU use of the process's children (reaped and running) between two samples, in percent of one core. */
export function childCpuPercent(before: ProcSample, after: ProcSample): number {
  return percentOfWall(before, after, (s) => s.childCpuMs);
}
