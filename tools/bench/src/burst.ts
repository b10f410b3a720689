// 1,000 dnsmasq-style rewrites within one second; rsync runs counted by the wrapper.
import type { Agent } from './agents.js';
import { maxInFlight } from './counting-rsync.js';
import { mb, sampleAll } from './footprint.js';
import type { Lab } from './lab.js';
import type { LeaseWriter } from './lease-writer.js';
import { cpuPercent } from './proc-stat.js';
import { sleep } from '@routerd/testkit';
import type { BurstResult } from './result.js';
import { pacedRewrites } from './rewrite.js';
import { runsSince } from './rsync-log.js';
import { waitForContent } from './wait-content.js';

export async function runBurst(lab: Lab, agents: readonly Agent[], writer: LeaseWriter, writes: number): Promise<BurstResult> {
  const pids = Object.fromEntries(agents.map((a) => [a.name, a.process.pid]));
  const before = await sampleAll(pids);
  const sinceUnix = Date.now();
  // Paced at one write per millisecond at most, each one a whole rewrite with fsync.
  const { last, t0, tLast } = await pacedRewrites(lab.leaseFile, writer, writes);
  const at = await waitForContent(lab.standbyPath(0, lab.leaseFile), last, { timeoutMs: 30_000, pollMs: 5 });
  // Let the agents settle (runs that started before the last write finish, statuses go out).
  await sleep(1000);
  const after = await sampleAll(pids);
  const destination = `${lab.standbys[0]!.sshd.user}@${lab.standbys[0]!.sshd.host}:${lab.leaseFile}`;
  const runs = await runsSince(lab.rsyncLog, sinceUnix, destination);
  const each = <T>(f: (name: string) => T) => Object.fromEntries(Object.keys(pids).map((name) => [name, f(name)]));
  return {
    writes,
    writeSpanMs: Math.round(tLast - t0),
    rsyncRuns: runs.length,
    maxInFlight: maxInFlight(runs, destination),
    lastWriteToIdenticalMs: at === undefined ? undefined : Math.round(at - tLast),
    memoryBeforeMb: each((n) => mb(before[n]!.rssKb)),
    memoryAfterMb: each((n) => mb(after[n]!.rssKb)),
    cpuPercent: each((n) => cpuPercent(before[n]!, after[n]!)),
  };
}
