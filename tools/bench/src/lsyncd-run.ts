// lsyncd 2.2.3 (Debian), what users pick instead of the syncer, in the same run: it watches a lease
// file of its own (state/lsyncd/, written with the same sequence as the syncer's lag rows) and pushes
// it to the same standby sshd with the planned rsync options and ssh command, through the counting
// wrapper. Lag (5 ms poll of the standby), rsync runs per burst, RSS; and torn files under chunked
// rewrites of 3,000 leases, for lsyncd and for the agents.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startProcess, stopProcess, sleep } from '@routerd/testkit';
import { baselineTarget } from './baselines.js';
import { BenchSetupError } from './errors.js';
import { mb } from './footprint.js';
import type { Lab } from './lab.js';
import { lagRun } from './lag-run.js';
import { LeaseWriter } from './lease-writer.js';
import { lsyncdConfig } from './lsyncd-config.js';
import { sampleProcess } from './proc-stat.js';
import { measureBurst } from './burst.js';
import type { BurstCounts, LagResult } from './result.js';
import { rewriteInPlace } from './rewrite.js';
import { summarize } from './stats.js';
import { chunkedRewrite, countShipped, observeStandby, sha256, type ShippedCount } from './torn.js';
import { waitForContent } from './wait-content.js';

/** The measurement: the standby's file polled every 5 ms (inotify on its directory besides). */
export const LAG_POLL_MS = 5;
/** dnsmasq rewrites 3,000 leases in 9-20 ms: the chunked rewrites take 15 ms each. */
export const TORN_LEASES = 3000;
const TORN_SPAN_MS = 15;

export interface TornResult extends ShippedCount {
  rewrites: number;
  /** The standby identical to the last version at the end. */
  converged: boolean;
}

export interface LsyncdRun {
  delay: number;
  connection: 'ssh ControlMaster' | 'new ssh per rsync';
  lag: LagResult;
  burst: BurstCounts;
  rssMb: number;
  peakRssMb: number;
  torn: TornResult | undefined;
}

export interface LsyncdOptions {
  delay: number;
  reuse: boolean;
  lagWrites: number;
  burstWrites: number;
  tornRewrites: number;
  progress: (text: string) => void;
}

const exec = promisify(execFile);

export async function runLsyncd(lab: Lab, o: LsyncdOptions): Promise<LsyncdRun> {
  const dir = join(lab.stateDir, 'lsyncd');
  const file = join(dir, 'dnsmasq.leases');
  const standbyFile = lab.standbyPath(0, file);
  const writer = new LeaseWriter(200, 50);
  await writeFile(file, writer.current());
  const runtimeDir = join(lab.root, `l${o.delay}`);
  const plan = await baselineTarget(lab, { reuse: o.reuse, runtimeDir });
  if (plan.controlDir) await mkdir(plan.controlDir, { recursive: true, mode: 0o700 });
  const { sshd } = lab.standbys[0]!;
  const target = `${sshd.user}@${sshd.host}:${dir}/`;
  const config = join(lab.root, `lsyncd-${o.delay}.lua`);
  await writeFile(
    config,
    lsyncdConfig({
      source: `${dir}/`,
      target,
      delay: o.delay,
      rsyncBinary: lab.wrapper,
      rsh: plan.sshCommand,
      extra: plan.argv.slice(1, plan.argv.indexOf('-e')),
      logFile: join(lab.root, `lsyncd-${o.delay}.log`),
      statusFile: join(lab.root, `lsyncd-${o.delay}.status`),
    }),
  );
  const proc = startProcess(`lsyncd delay=${o.delay}`, ['lsyncd', config], { logFile: join(lab.root, `lsyncd-${o.delay}.out`) });
  const waitMs = o.delay * 1000 + 10_000;
  try {
    o.progress(`lsyncd delay=${o.delay}: its startup sync`);
    if ((await waitForContent(standbyFile, writer.current(), { timeoutMs: 30_000, pollMs: LAG_POLL_MS })) === undefined) {
      throw new BenchSetupError(`lsyncd (delay ${o.delay}) did not bring ${standbyFile} to the source's content within 30 s of its start; see ${config} and its log in ${lab.root} (RDBENCH_KEEP=1 keeps it)`);
    }
    o.progress(`lsyncd delay=${o.delay}: lag, ${o.lagWrites} writes`);
    const r = await lagRun({ source: file, standbyFiles: [standbyFile], writer, writes: o.lagWrites, gapMs: [50, 150], timeoutMs: waitMs, pollMs: LAG_POLL_MS });
    const lag: LagResult = { writes: o.lagWrites, lost: r.lost, summary: r.totals.length > 0 ? summarize(r.totals) : undefined };

    o.progress(`lsyncd delay=${o.delay}: burst, ${o.burstWrites} rewrites`);
    const burst = await measureBurst(lab, file, standbyFile, writer, o.burstWrites, target, { timeoutMs: waitMs + 20_000, pollMs: LAG_POLL_MS });

    let torn: TornResult | undefined;
    if (o.tornRewrites > 0) {
      o.progress(`lsyncd delay=${o.delay}: ${o.tornRewrites} chunked rewrites of ${TORN_LEASES} leases`);
      torn = await tornRun(file, standbyFile, o.tornRewrites, waitMs);
    }
    const sample = await sampleProcess(proc.pid);
    return {
      delay: o.delay,
      connection: o.reuse ? 'ssh ControlMaster' : 'new ssh per rsync',
      lag,
      burst,
      rssMb: mb(sample.rssKb),
      peakRssMb: mb(sample.hwmKb),
      torn,
    };
  } finally {
    await stopProcess(proc);
    // The master rsync's ssh left behind (ControlPersist); sshd's stop would end it too, later.
    if (plan.controlDir) {
      await exec('ssh', [...sshd.sshOptions, '-o', `ControlPath=${plan.controlDir}/%C`, '-O', 'exit', `${sshd.user}@${sshd.host}`]).catch(() => undefined);
    }
  }
}

/**
 * Chunked rewrites of a 3,000-lease file 10-60 ms apart, each a renewal; every distinct content that
 * appears on the standby is classified. An observer can miss a content replaced within 5 ms, so the
 * torn count is a lower bound.
 */
export async function tornRun(file: string, standbyFile: string, rewrites: number, timeoutMs: number): Promise<TornResult> {
  const writer = new LeaseWriter(TORN_LEASES, 0);
  let last = writer.current();
  const written = new Set([sha256(last)]);
  rewriteInPlace(file, last);
  if ((await waitForContent(standbyFile, last, { timeoutMs, pollMs: LAG_POLL_MS })) === undefined) {
    throw new BenchSetupError(`torn-file run: ${standbyFile} did not reach the ${TORN_LEASES}-lease file within ${timeoutMs} ms`);
  }
  const observer = observeStandby(standbyFile, LAG_POLL_MS);
  for (let i = 0; i < rewrites; i++) {
    await sleep(10 + Math.random() * 50);
    last = writer.next();
    written.add(sha256(last));
    await chunkedRewrite(file, last, TORN_SPAN_MS);
  }
  const converged = (await waitForContent(standbyFile, last, { timeoutMs, pollMs: LAG_POLL_MS })) !== undefined;
  await sleep(500);
  const seen = await observer.stop();
  return { rewrites, converged, ...countShipped(seen, written) };
}
