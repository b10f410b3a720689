// RSS and CPU of processes over a window, from /proc.
import { childCpuPercent, cpuPercent, sampleProcess, type ProcSample } from './proc-stat.js';
import type { AgentFootprint } from './result.js';

export const mb = (kb: number) => Math.round(kb / 102.4) / 10;

export async function sampleAll(pids: Record<string, number>): Promise<Record<string, ProcSample>> {
  const out: Record<string, ProcSample> = {};
  for (const [name, pid] of Object.entries(pids)) out[name] = await sampleProcess(pid);
  return out;
}

export function footprints(before: Record<string, ProcSample>, after: Record<string, ProcSample>): Record<string, AgentFootprint> {
  const out: Record<string, AgentFootprint> = {};
  for (const [name, a] of Object.entries(after)) {
    const b = before[name];
    if (!b) continue;
    out[name] = { pid: a.pid, rssMb: mb(a.rssKb), hwmMb: mb(a.hwmKb), cpuPercent: cpuPercent(b, a), childCpuPercent: childCpuPercent(b, a) };
  }
  return out;
}
