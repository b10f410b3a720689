// The baselines, run with the same planned command the syncer runs (planSyncs), on a file of their
// own (the DHCP server's leaseFile override) that no agent watches:
// (a) rsync over a new ssh connection right after the write, (b) the same over an open ssh master
// (the floor for this design), (c) interval polling as the original does it.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig, planSyncs, requireConfig, type TargetPlan } from '@routerd/model';
import { sleep, startProcess, stopProcess, waitFor } from '@routerd/testkit';
import { ORIGINAL_RSYNC_OPTIONS } from './config-yaml.js';
import { BenchSetupError } from './errors.js';
import type { Lab } from './lab.js';
import { lagRun } from './lag-run.js';
import { LeaseWriter } from './lease-writer.js';
import type { LagResult, PollResult } from './result.js';
import { summarize } from './stats.js';

const exec = promisify(execFile);

export const runArgv = (argv: readonly string[]) => exec(argv[0] as string, argv.slice(1), { maxBuffer: 10_000_000 });

/** The planned command of target 0 for a file of the baselines' own. */
export async function baselineTarget(lab: Lab, options: { reuse: boolean; runtimeDir: string; rsyncOptions?: string[] }): Promise<TargetPlan> {
  const file = await lab.writeConfig(`baseline-${options.reuse ? 'reuse' : 'new'}${options.rsyncOptions ? '-orig' : ''}.yaml`, {
    targets: 1,
    leaseFile: lab.baselineFile,
    ...(options.rsyncOptions ? { rsyncOptions: options.rsyncOptions } : {}),
  });
  const config = requireConfig(loadConfig([{ file, text: await readFile(file, 'utf8') }]));
  const [job] = planSyncs(config, { dirs: { stateDir: lab.stateDir, runtimeDir: options.runtimeDir }, reuseConnections: options.reuse });
  if (!job?.targets[0]) throw new BenchSetupError(`the baseline configuration ${file} planned no sync target`);
  return job.targets[0];
}

/** Opens an ssh master on the control path the planned command uses; resolves with a stop function. */
export async function openMaster(lab: Lab, runtimeDir: string): Promise<() => Promise<void>> {
  const { sshd } = lab.standbys[0]!;
  const dir = join(runtimeDir, 'ssh');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const argv = ['ssh', ...sshd.sshOptions, '-o', 'ControlMaster=yes', '-o', `ControlPath=${dir}/%C`, '-N', `${sshd.user}@${sshd.host}`];
  const master = startProcess('ssh master', argv);
  const stop = async () => void (await stopProcess(master));
  try {
    const socket = async () => ((await readdir(dir).catch(() => [])).length > 0 ? true : undefined);
    await waitFor(`the ssh master for ${sshd.host}:${sshd.port} to create its socket in ${dir}`, socket, { timeoutMs: 5000, intervalMs: 25 });
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

const lagResult = (writes: number, run: { lags: number[][]; lost: number }): LagResult => {
  const sample = run.lags[0] ?? [];
  return { writes, lost: run.lost, summary: sample.length > 0 ? summarize(sample) : undefined };
};

export interface BaselineOptions {
  writes: number;
  pollWrites: number;
  pollIntervalMs: number;
  progress: (text: string) => void;
}

export async function runBaselines(lab: Lab, o: BaselineOptions): Promise<{ newConnection: LagResult; openConnection: LagResult; polling: PollResult }> {
  const writer = new LeaseWriter(200, 50);
  await writeFile(lab.baselineFile, writer.current());
  const standbyFiles = [lab.standbyPath(0, lab.baselineFile)];
  const common = { source: lab.baselineFile, standbyFiles, writer };

  const fresh = await baselineTarget(lab, { reuse: false, runtimeDir: join(lab.root, 'brun') });
  await runArgv(fresh.argv);
  o.progress('(a) rsync over a new ssh connection');
  const a = await lagRun({ ...common, writes: o.writes, gapMs: [20, 80], afterWrite: () => runArgv(fresh.argv) });

  const brun = join(lab.root, 'brun');
  const reused = await baselineTarget(lab, { reuse: true, runtimeDir: brun });
  const stopMaster = await openMaster(lab, brun);
  let b;
  try {
    await runArgv(reused.argv);
    o.progress('(b) rsync over an open ssh master');
    b = await lagRun({ ...common, writes: o.writes, gapMs: [20, 80], afterWrite: () => runArgv(reused.argv) });
  } finally {
    await stopMaster();
  }

  o.progress(`(c) polling every ${o.pollIntervalMs} ms (the original's command: no reuse, quick check)`);
  const original = await baselineTarget(lab, { reuse: false, runtimeDir: brun, rsyncOptions: ORIGINAL_RSYNC_OPTIONS });
  const durations: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const started = performance.now();
      await runArgv(original.argv).catch(() => undefined);
      durations.push(performance.now() - started);
      const wait = o.pollIntervalMs - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
  })();
  let c;
  try {
    c = await lagRun({ ...common, writes: o.pollWrites, gapMs: [0, o.pollIntervalMs], timeoutMs: 3 * o.pollIntervalMs + 10_000 });
  } finally {
    polling = false;
    await poller;
  }
  const base = lagResult(o.pollWrites, c);
  const rsyncMs = durations.length > 0 ? summarize(durations).p50 : 0;
  const s = base.summary;
  const frac = (v: number) => Math.round((v / o.pollIntervalMs) * 100) / 100;
  const scale = (v: number) => Math.round(((v - rsyncMs) / o.pollIntervalMs) * 30_000 + rsyncMs);
  return {
    newConnection: lagResult(o.writes, a),
    openConnection: lagResult(o.writes, b),
    polling: {
      ...base,
      intervalMs: o.pollIntervalMs,
      rsyncMs,
      fraction: s ? { p50: frac(s.p50), p95: frac(s.p95), p99: frac(s.p99) } : undefined,
      at30s: s ? { p50: scale(s.p50), p95: scale(s.p95), p99: scale(s.p99), mean: scale(s.mean) } : undefined,
    },
  };
}
