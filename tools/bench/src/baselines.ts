// The baselines, run with the same planned command the syncer runs (planSyncs), on a file of their
// own (the DHCP server's leaseFile override) that no agent watches:
// (a) rsync over a new ssh connection right after the write, (b) the same over an open ssh master
// (the floor for this design).
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig, planSyncs, requireConfig, type TargetPlan } from '@routerd/model';
import { startProcess, stopProcess, waitFor } from '@routerd/testkit';
import { BenchSetupError } from './errors.js';
import type { Lab } from './lab.js';
import { lagRun } from './lag-run.js';
import { LeaseWriter } from './lease-writer.js';
import type { LagResult } from './result.js';
import { summarize } from './stats.js';

const exec = promisify(execFile);

export const runArgv = (argv: readonly string[]) => exec(argv[0] as string, argv.slice(1), { maxBuffer: 10_000_000 });

/** The planned command of target 0 for a file of the baselines' own. */
export async function baselineTarget(lab: Lab, options: { reuse: boolean; runtimeDir: string }): Promise<TargetPlan> {
  const file = await lab.writeConfig(`baseline-${options.reuse ? 'reuse' : 'new'}.yaml`, { targets: 1, leaseFile: lab.baselineFile });
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

const lagResult = (writes: number, sample: readonly number[], lost: number): LagResult => ({ writes, lost, summary: sample.length > 0 ? summarize(sample) : undefined });

/** (b), timed two ways: to the moment the standby's file is identical, and to rsync's exit as its caller sees it. */
export interface FloorResult {
  identical: LagResult;
  exit: LagResult;
}

export interface BaselineOptions {
  writes: number;
  /** The standby poll besides inotify: the syncer's lag row's (LAG_POLL_MS). */
  pollMs: number;
  progress: (text: string) => void;
}

/**
 * (b): the planned rsync over an ssh master opened beforehand, started right after each write, with
 * the syncer's write sequence (50-150 ms apart) and the same detection as the syncer's lag row.
 */
export async function runFloor(lab: Lab, o: BaselineOptions): Promise<FloorResult> {
  const writer = new LeaseWriter(200, 50);
  await writeFile(lab.baselineFile, writer.current());
  const brun = join(lab.root, 'brun');
  const reused = await baselineTarget(lab, { reuse: true, runtimeDir: brun });
  const stopMaster = await openMaster(lab, brun);
  try {
    await runArgv(reused.argv);
    o.progress(`(b) rsync over an open ssh master: ${o.writes} writes`);
    const b = await lagRun({ source: lab.baselineFile, standbyFiles: [lab.standbyPath(0, lab.baselineFile)], writer, writes: o.writes, gapMs: [50, 150], pollMs: o.pollMs, afterWrite: () => runArgv(reused.argv) });
    const exits = b.writes.flatMap((w) => (w.doneAt === undefined || w.identicalAt[0] === undefined ? [] : [w.doneAt - w.writeAt]));
    return { identical: lagResult(o.writes, b.lags[0] ?? [], b.lost), exit: lagResult(o.writes, exits, b.lost) };
  } finally {
    await stopMaster();
  }
}

export async function runBaselines(lab: Lab, o: BaselineOptions): Promise<{ newConnection: LagResult; openConnection: FloorResult }> {
  const writer = new LeaseWriter(200, 50);
  await writeFile(lab.baselineFile, writer.current());
  const standbyFiles = [lab.standbyPath(0, lab.baselineFile)];
  const fresh = await baselineTarget(lab, { reuse: false, runtimeDir: join(lab.root, 'brun') });
  await runArgv(fresh.argv);
  o.progress('(a) rsync over a new ssh connection');
  const a = await lagRun({ source: lab.baselineFile, standbyFiles, writer, writes: o.writes, gapMs: [50, 150], pollMs: o.pollMs, afterWrite: () => runArgv(fresh.argv) });
  return { newConnection: lagResult(o.writes, a.lags[0] ?? [], a.lost), openConnection: await runFloor(lab, o) };
}
