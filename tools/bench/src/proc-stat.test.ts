import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childCpuPercent, cpuPercent, parseProcStat, parseProcStatus, sampleProcess } from './proc-stat.js';

const STAT = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 9538 0 0 0 150 37 0 0 20 0 11 0 8735 1180000000 13000 18446744073709551615';

describe('proc-stat', () => {
  it('proc-stat › utime + stime in ms, a comm with spaces and parentheses included', () => {
    expect(parseProcStat(STAT).cpuMs).toBe(1870);
  });

  it('proc-stat › cutime + cstime in ms: the children waited for', () => {
    expect(parseProcStat(STAT.replace(' 150 37 0 0 ', ' 150 37 12 3 ')).childCpuMs).toBe(150);
  });

  it('proc-stat › VmRSS and VmHWM from status', () => {
    expect(parseProcStatus('Name:\tnode\nVmHWM:\t   61234 kB\nVmRSS:\t   50000 kB\n')).toEqual({ rssKb: 50000, hwmKb: 61234 });
  });

  it('proc-stat › bad stat and status text are named', () => {
    expect(() => parseProcStat('garbage')).toThrow('/proc stat: expected "pid (comm) state ...", found "garbage"');
    expect(() => parseProcStat('1 (x) S 1 2')).toThrow('expected integer utime, stime, cutime and cstime in fields 14 to 17, found ""');
    expect(() => parseProcStatus('VmRSS:\t1 kB\n')).toThrow('/proc status: expected a line "VmHWM: <n> kB", found none');
  });

  it('proc-stat › samples this process and computes CPU percent', async () => {
    const a = await sampleProcess(process.pid);
    expect(a.rssKb).toBeGreaterThan(0);
    expect(cpuPercent({ ...a, cpuMs: 0, at: 0 }, { ...a, cpuMs: 10, at: 1000 })).toBe(1);
    expect(childCpuPercent({ ...a, childCpuMs: 0, at: 0 }, { ...a, childCpuMs: 2, at: 2000 })).toBe(0.1);
    expect(() => cpuPercent(a, { ...a, pid: a.pid + 1 })).toThrow(`Expected two samples of one process in time order, got pid ${a.pid} then ${a.pid + 1}`);
  });

  it('proc-stat › a child still running counts in the children\'s CPU (the vip-watcher\'s long-lived ip)', async () => {
    // A busy shell that is not reaped until the end: its CPU is only visible through its own /proc entry.
    const child = spawn('sh', ['-c', 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; exec sleep 30'], { stdio: 'ignore' });
    try {
      const before = await sampleProcess(process.pid);
      let after = before;
      for (let tries = 0; tries < 100 && after.childCpuMs <= before.childCpuMs; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = await sampleProcess(process.pid);
      }
      expect(after.childCpuMs).toBeGreaterThan(before.childCpuMs);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
