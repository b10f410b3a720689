import { describe, expect, it } from 'vitest';
import { formatLsyncdSection, formatReport } from './report.js';
import type { BenchResult } from './result.js';
import { summarize } from './stats.js';

const lag = (values: number[]) => ({ writes: values.length, lost: 0, summary: summarize(values) });

const result: BenchResult = {
  startedAt: '2025-01-01T00:00:00.000Z',
  quick: true,
  machine: { nproc: 2, cpuModel: 'cpu', memoryMb: 1000, kernel: '6', os: 'Debian', node: 'v20', natsServer: 'nats-server: v2.9.10', rsync: 'rsync 3', openssh: 'OpenSSH_9.2p1', loadAverage: [1, 1, 1] },
  vipSource: 'bench heartbeat',
  ready: { syncer: { firstMessageMs: 300, serviceMs: 310 } },
  idle: { windowMs: 10_000, agents: { syncer: { pid: 1, rssMb: 50, hwmMb: 55, cpuPercent: 0.2 } } },
  lag: { syncer: lag([80]), newConnection: lag([300]), openConnection: { identical: lag([60]), exit: lag([70]) } },
  burst: { writes: 1000, writeSpanMs: 990, rsyncRuns: 10, maxInFlight: 1, lastWriteToIdenticalMs: 200, memoryBeforeMb: { syncer: 50 }, memoryAfterMb: { syncer: 52 }, cpuPercent: { syncer: 40 } },
  largeFile: { leases: 100_000, bytes: 8_000_000, full: { ms: 900, runs: 1, bytesSent: 8_000_000, bytesReceived: 50 }, oneLine: [{ ms: 200, runs: 1, bytesSent: 14_000, bytesReceived: 17_000 }], floorFullMs: 100, floorOneLineMs: 80, floorOneLineSent: 14_000, rssAfterMb: { syncer: 80 } },
  fanout: [{ targets: 2, writes: 5, lost: 0, perTarget: [summarize([90]), summarize([95])], total: summarize([95]) }],
  verdicts: [{ target: 'lag p50 >= 100x below 15 s', met: false, figure: 'p50 200 ms' }],
  dataLoss: [],
  loadAverageAtEnd: [2, 2, 2],
};

describe('report', () => {
  it('report › a table per scenario, the verdicts and the data check', () => {
    const text = formatReport(result);
    expect(text).toMatch(/^syncer \(agents, 1 target\)\s+1\s+80\s+80\s+80\s+80\s+0$/m);
    expect(text).toMatch(/^\(b\) rsync, open ssh master \(floor\)\s+1\s+60\s+60\s+60\s+60\s+0$/m);
    expect(text).toMatch(/^\(b\) the same, timed to rsync's exit\s+1\s+70\s+70\s+70\s+70\s+0$/m);
    expect(text).not.toContain('(c)');
    expect(text).toMatch(/^one-line change #1 \(syncer\)\s+200\s+1\s+14000\s+17000\s+0\.175$/m);
    expect(text).toMatch(/^2\s+5\s+0\s+90 \/ 95\s+90 \/ 95\s+95\s+95\s+95$/m);
    expect(text).toMatch(/^lag p50 >= 100x below 15 s\s+MISSED\s+p50 200 ms$/m);
    expect(text).toContain('Data: every standby identical at the end of every scenario.');
  });

  it('report › the lag profile, one line per stage', () => {
    const profile = { writes: 3, matched: 2, stages: [{ stage: 'debounce', span: 'first watch event -> stable read starts', summary: summarize([25, 26]) }] };
    const text = formatReport({ ...result, lag: { ...result.lag, syncer: { ...result.lag.syncer, profile } } });
    expect(text).toContain('Where each ms goes: 2 of 3 writes found');
    expect(text).toMatch(/^debounce\s+25\s+26\s+26\s+first watch event -> stable read starts$/m);
  });

  it('report › data loss is shouted', () => {
    expect(formatReport({ ...result, dataLoss: ['burst: standby-0 differs'] })).toContain('DATA LOSS: burst: standby-0 differs');
  });

  it('report › lsyncd rows beside the syncer, and torn files per side', () => {
    const torn = { rewrites: 30, converged: true, complete: 14, torn: 2, cutMidLine: 2 };
    const run = { delay: 0, connection: 'ssh ControlMaster' as const, lag: lag([47]), burst: { writes: 1000, writeSpanMs: 999, rsyncRuns: 15, maxInFlight: 1, lastWriteToIdenticalMs: 45 }, rssMb: 3.6, peakRssMb: 3.7, torn };
    const text = formatLsyncdSection('6.', result.lag.syncer, result.burst, { version: 'Version: 2.2.3', syncerTorn: { ...torn, complete: 11, torn: 0, cutMidLine: 0 }, runs: [run] }, result.lag.openConnection);
    expect(text).toMatch(/^\(b\) rsync, open ssh master \(floor\)\s+1\s+60\s+60\s+60\s+60\s+0$/m);
    expect(text).toContain('6. lsyncd (Version: 2.2.3) beside the syncer');
    expect(text).toMatch(/^lsyncd delay=0 \(ssh ControlMaster\)\s+1\s+47\s+47\s+47\s+47\s+0\s+15 \/ 1000\s+1\s+45\s+3\.6 \(peak 3\.7\)$/m);
    expect(text).toMatch(/^syncer \(agents: lease-watcher \+ syncer\)\s+1\s+80\s+80\s+80\s+80\s+0\s+10 \/ 1000\s+1\s+200\s+-$/m);
    expect(text).toMatch(/^syncer \(agents\)\s+11\s+0\s+0\s+yes$/m);
    expect(text).toMatch(/^lsyncd delay=0\s+14\s+2\s+2\s+yes$/m);
  });
});
