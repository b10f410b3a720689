import { describe, expect, it } from 'vitest';
import type { BenchResult } from './result.js';
import { summarize } from './stats.js';
import { lsyncdVerdicts, verdicts } from './verdicts.js';

const lagOf = (sample: number[]) => ({ writes: sample.length, lost: 0, summary: summarize(sample) });
const transfer = (bytesSent: number) => ({ ms: 100, runs: 1, bytesSent, bytesReceived: 10 });

function inputs(overrides: { syncer?: number[]; burstMs?: number; runs?: number; oneLineSent?: number; rss?: number; peak?: number }): Pick<BenchResult, 'lag' | 'burst' | 'largeFile' | 'idle'> {
  const lag = lagOf(overrides.syncer ?? [80, 90, 100]);
  return {
    lag: {
      syncer: lag,
      newConnection: lagOf([300]),
      openConnection: { identical: lagOf([60, 70]), exit: lagOf([70, 80]) },
    },
    burst: { writes: 1000, writeSpanMs: 900, rsyncRuns: overrides.runs ?? 12, maxInFlight: 1, lastWriteToIdenticalMs: overrides.burstMs ?? 300, memoryBeforeMb: {}, memoryAfterMb: {}, cpuPercent: {} },
    largeFile: { leases: 100_000, bytes: 8_000_000, full: transfer(8_000_000), oneLine: [transfer(overrides.oneLineSent ?? 20_000)], floorFullMs: 1, floorOneLineMs: 1, floorOneLineSent: 1, rssAfterMb: {}, peakRssMb: { 'lease-watcher': 60, syncer: overrides.peak ?? 70 } },
    idle: { windowMs: 60_000, agents: { syncer: { pid: 1, rssMb: overrides.rss ?? 48, hwmMb: 55, cpuPercent: 0.1 }, 'nats-server': { pid: 2, rssMb: 99, hwmMb: 99, cpuPercent: 9 } } },
  };
}

describe('verdicts', () => {
  it('verdicts › every target met with good figures; nats-server is not an agent', () => {
    const all = verdicts(inputs({}));
    expect(all.every((v) => v.met)).toBe(true);
    expect(all.map((v) => v.target)).not.toContain('nats-server idle: <= 50 MB RSS, <= 0.3% CPU');
    expect(all[0]!.figure).toBe('p99 100 ms vs bound 190 ms (floor p99 70 ms)');
  });

  it('verdicts › misses say which figure missed', () => {
    const all = verdicts(inputs({ syncer: [200, 300], burstMs: 1500, runs: 400, oneLineSent: 100_000, rss: 70, peak: 95 }));
    expect(all.filter((v) => !v.met).map((v) => v.figure)).toEqual([
      'p99 300 ms vs bound 190 ms (floor p99 70 ms)',
      'p50 200 ms, 75x below 15 s',
      '1500 ms',
      '400 runs for 1000 writes, at most 1 in flight',
      '100000 B of 8000000 B (1.250%)',
      '70 MB, 0.1%',
      '95 MB',
    ]);
  });

  it('verdicts › idle CPU counts the commands an agent ran', () => {
    const base = inputs({});
    const idle = { ...base.idle, agents: { 'vip-watcher': { pid: 3, rssMb: 50, hwmMb: 55, cpuPercent: 0.2, childCpuPercent: 0.15 } } };
    expect(verdicts({ ...base, idle }).find((v) => v.target.startsWith('vip-watcher idle'))).toMatchObject({ met: false, figure: '50 MB, 0.35%' });
  });

  it('verdicts › a peak on the large file that was not measured is a miss that says so', () => {
    const base = inputs({});
    const largeFile = { ...base.largeFile, peakRssMb: { syncer: 70 } };
    expect(verdicts({ ...base, largeFile }).find((v) => v.target.startsWith('lease-watcher peak'))).toMatchObject({ met: false, figure: 'not measured' });
  });

  it('verdicts › a burst that never converged is a miss, not a crash', () => {
    const burst = inputs({});
    const { lastWriteToIdenticalMs: _drop, ...rest } = burst.burst;
    expect(verdicts({ ...burst, burst: { ...rest, lastWriteToIdenticalMs: undefined } }).find((v) => v.target.startsWith('burst: identical'))).toMatchObject({ met: false, figure: 'never identical' });
  });

  it('verdicts › against lsyncd at delay 0: p50 + 30 ms, 2 x p99, and no torn file', () => {
    const torn = { rewrites: 30, converged: true, complete: 20, torn: 0, cutMidLine: 0 };
    const run = (sample: number[]) => ({ delay: 0, connection: 'ssh ControlMaster' as const, lag: lagOf(sample), burst: { writes: 1, writeSpanMs: 1, rsyncRuns: 1, maxInFlight: 1, lastWriteToIdenticalMs: 1 }, rssMb: 4, peakRssMb: 4, torn: undefined });
    const met = lsyncdVerdicts(lagOf([70, 80]), { version: 'v', syncerTorn: torn, runs: [run([45, 50])] });
    expect(met.map((v) => v.met)).toEqual([true, true, true]);
    expect(met[0]!.figure).toBe('p50 70 ms vs bound 75 ms (lsyncd p50 45 ms)');
    const missed = lsyncdVerdicts(lagOf([94, 120]), { version: 'v', syncerTorn: { ...torn, torn: 1 }, runs: [run([44, 55])] });
    expect(missed.map((v) => v.met)).toEqual([false, false, false]);
    expect(missed[2]!.figure).toBe('1 torn of 21 contents seen; identical at the end');
  });
});
