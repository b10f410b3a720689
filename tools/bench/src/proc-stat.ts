// CPU time and memory of a process from /proc/<pid>/stat and /proc/<pid>/status.
import { readFile } from 'node:fs/promises';
import { BenchParseError } from './errors.js';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on every supported architecture. */
export const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcSample {
  pid: number;
  /** utime + stime, in ms. */
  cpuMs: number;
  rssKb: number;
  /** Peak RSS (VmHWM). */
  hwmKb: number;
  /** performance.now() when sampled. */
  at: number;
}

/** utime + stime (ms) from a /proc/<pid>/stat line; the comm field may hold spaces and parentheses. */
export function parseProcStat(text: string): number {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new BenchParseError(`/proc stat: expected "pid (comm) state ...", found ${JSON.stringify(text.slice(0, 80))}`);
  // Fields after the comm start at field 3 (state); utime and stime are fields 14 and 15.
  const rest = text.slice(close + 2).trim().split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) {
    throw new BenchParseError(`/proc stat: expected integer utime and stime in fields 14 and 15, found ${JSON.stringify(rest[11])} and ${JSON.stringify(rest[12])}`);
  }
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
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

export async function sampleProcess(pid: number): Promise<ProcSample> {
  const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
  return { pid, cpuMs: parseProcStat(stat), ...parseProcStatus(status), at: performance.now() };
}

/** CPU use between two samples of one process, in percent of one core. */
export function cpuPercent(before: ProcSample, after: ProcSample): number {
  const wall = after.at - before.at;
  if (before.pid !== after.pid || wall <= 0) {
    throw new BenchParseError(`Expected two samples of one process in time order, got pid ${before.pid} then ${after.pid} over ${wall} ms`);
  }
  return Math.round(((after.cpuMs - before.cpuMs) / wall) * 100 * 100) / 100;
}
