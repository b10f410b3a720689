// 1,000 dnsmasq-style rewrites within one second; rsync runs counted by the wrapper.
import type { Agent } from './agents.js';
import { maxInFlight } from './counting-rsync.js';
import { mb, sampleAll } from './footprint.js';
import type { Lab } from './lab.js';
import type { LeaseWriter } from './lease-writer.js';
import { cpuPercent } from './proc-stat.js';
import { sleep } from '@routerd/testkit';
import type { BurstCounts, BurstResult } from './result.js';
import { pacedRewrites } from './rewrite.js';
import { runsSince } from './rsync-log.js';
import { waitForContent } from './wait-content.js';

/**
 * Paced rewrites (one per ms at most) of `file` until `standbyFile` holds the last one, then a second for
 * runs still going; the wrapper's runs for `destination` since the first write.
 */
export async function measureBurst(lab: Lab, file: string, standbyFile: string, writer: LeaseWriter, writes: number, destination: string, wait: { timeoutMs: number; pollMs: number }): Promise<BurstCounts> {
  const sinceUnix = Date.now();
  // Paced at one write per millisecond at most, each one a whole rewrite with fsync.
  const { last, t0, tLast } = await pacedRewrites(file, writer, writes);
  const at = await waitForContent(standbyFile, last, wait);
  // Let the pushers settle (runs that started before the last write finish, statuses go out).
  await sleep(1000);
  const runs = await runsSince(lab.rsyncLog, sinceUnix, destination);
  return {
    writes,
    writeSpanMs: Math.round(tLast - t0),
    rsyncRuns: runs.length,
    maxInFlight: maxInFlight(runs, destination),
    lastWriteToIdenticalMs: at === undefined ? undefined : Math.round(at - tLast),
  };
}

export async function runBurst(lab: Lab, agents: readonly Agent[], writer: LeaseWriter, writes: number): Promise<BurstResult> {
  const pids = Object.fromEntries(agents.map((a) => [a.name, a.process.pid]));
  const before = await sampleAll(pids);
  const destination = `${lab.standbys[0]!.sshd.user}@${lab.standbys[0]!.sshd.host}:${lab.leaseFile}`;
  const counts = await measureBurst(lab, lab.leaseFile, lab.standbyPath(0, lab.leaseFile), writer, writes, destination, { timeoutMs: 30_000, pollMs: 5 });
  const after = await sampleAll(pids);
  const each = <T>(f: (name: string) => T) => Object.fromEntries(Object.keys(pids).map((name) => [name, f(name)]));
  return {
    ...counts,
    memoryBeforeMb: each((n) => mb(before[n]!.rssKb)),
    memoryAfterMb: each((n) => mb(after[n]!.rssKb)),
    cpuPercent: each((n) => cpuPercent(before[n]!, after[n]!)),
  };
}
