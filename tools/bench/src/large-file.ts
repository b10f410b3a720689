// 100,000 leases (about 8 MB): a full first sync and one-line changes, through the syncer, with the
// bytes the wrapper's rsync --stats reports; and the same transfers by a bare rsync on an open master.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Agent } from './agents.js';
import { baselineTarget, openMaster, runArgv } from './baselines.js';
import { mb, sampleAll } from './footprint.js';
import { resetPeakRss } from './proc-stat.js';
import type { Lab } from './lab.js';
import { EXPIRY_BASE, leaseLines, leaseText, renew } from './lease-text.js';
import { sleep } from '@routerd/testkit';
import type { LargeFileResult, TransferResult } from './result.js';
import { rewriteInPlace } from './rewrite.js';
import { runsSince, transfer } from './rsync-log.js';
import { waitForContent } from './wait-content.js';

const V4 = 60_000;
const V6 = 40_000;

export async function runLargeFile(lab: Lab, agents: readonly Agent[], changes: number, progress: (text: string) => void): Promise<LargeFileResult> {
  const lines = leaseLines(V4, V6);
  let content = Buffer.from(leaseText(lines));
  const standbyFile = lab.standbyPath(0, lab.leaseFile);
  const destination = `${lab.standbys[0]!.sshd.user}@${lab.standbys[0]!.sshd.host}:${lab.leaseFile}`;

  const shipped = async (data: Buffer): Promise<TransferResult> => {
    const since = Date.now();
    const t0 = performance.now();
    rewriteInPlace(lab.leaseFile, data);
    const at = await waitForContent(standbyFile, data, { timeoutMs: 60_000, pollMs: 50 });
    await sleep(500);
    return transfer(at === undefined ? undefined : at - t0, await runsSince(lab.rsyncLog, since, destination));
  };

  const pids = Object.fromEntries(agents.map((a) => [a.name, a.process.pid]));
  // The peak of this scenario alone: the lease-watcher and the syncer reading, hashing and staging 100,000 leases.
  for (const pid of Object.values(pids)) await resetPeakRss(pid);
  progress('full first sync of 100,000 leases (standby copy removed first)');
  await rm(standbyFile, { force: true });
  const full = await shipped(content);
  const oneLine: TransferResult[] = [];
  for (let i = 0; i < changes; i++) {
    progress(`one-line change ${i + 1}/${changes}`);
    renew(lines, Math.floor(Math.random() * V4), EXPIRY_BASE + 200_000 + i);
    content = Buffer.from(leaseText(lines));
    oneLine.push(await shipped(content));
  }
  const after = Object.entries(await sampleAll(pids));
  const rssAfterMb = Object.fromEntries(after.map(([n, s]) => [n, mb(s.rssKb)]));
  const peakRssMb = Object.fromEntries(after.map(([n, s]) => [n, mb(s.hwmKb)]));

  progress('the same by a bare rsync on an open ssh master');
  const brun = join(lab.root, 'brun');
  const target = await baselineTarget(lab, { reuse: true, runtimeDir: brun });
  const stopMaster = await openMaster(lab, brun);
  try {
    await rm(lab.standbyPath(0, lab.baselineFile), { force: true });
    rewriteInPlace(lab.baselineFile, content);
    let t0 = performance.now();
    await runArgv(target.argv);
    const floorFullMs = Math.round(performance.now() - t0);
    renew(lines, 7, EXPIRY_BASE + 300_000);
    rewriteInPlace(lab.baselineFile, leaseText(lines));
    const since = Date.now();
    t0 = performance.now();
    await runArgv(target.argv);
    const floorOneLineMs = Math.round(performance.now() - t0);
    const floorRuns = await runsSince(lab.rsyncLog, since);
    return { leases: V4 + V6, bytes: content.length, full, oneLine, floorFullMs, floorOneLineMs, floorOneLineSent: floorRuns[0]?.sent ?? 0, rssAfterMb, peakRssMb };
  } finally {
    await stopMaster();
  }
}
