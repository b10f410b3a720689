// The peer section: torn files through the agents, then lsyncd at delay = 0 (ssh ControlMaster in its
// rsh) and at its default delay = 15 (fewer writes: each one waits 15 s).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BenchSetupError } from './errors.js';
import type { Lab } from './lab.js';
import { runLsyncd, tornRun, type LsyncdRun, type TornResult } from './lsyncd-run.js';

export interface LsyncdSection {
  /** `lsyncd --version`'s first line. */
  version: string;
  /** Chunked rewrites of the agents' lease file, shipped by the syncer. */
  syncerTorn: TornResult;
  runs: LsyncdRun[];
}

export interface LsyncdSectionOptions {
  lagWrites: number;
  /** Lag writes at delay = 15 (each takes about 15 s). */
  slowLagWrites: number;
  burstWrites: number;
  tornRewrites: number;
  progress: (text: string) => void;
}

/** lsyncd's version line, or a setup error that says how to install it. */
export async function lsyncdVersion(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('lsyncd', ['--version']);
    return stdout.split('\n')[0]?.trim() ?? '';
  } catch (error) {
    throw new BenchSetupError(`the lsyncd section expected Debian's lsyncd on PATH (apt-get install lsyncd; tools/setup.sh installs it), but \`lsyncd --version\` failed`, { cause: error });
  }
}

export async function runLsyncdSection(lab: Lab, o: LsyncdSectionOptions): Promise<LsyncdSection> {
  const version = await lsyncdVersion();
  o.progress(`torn files through the agents: ${o.tornRewrites} chunked rewrites`);
  const syncerTorn = await tornRun(lab.leaseFile, lab.standbyPath(0, lab.leaseFile), o.tornRewrites, 10_000);
  const runs: LsyncdRun[] = [];
  runs.push(await runLsyncd(lab, { delay: 0, reuse: true, lagWrites: o.lagWrites, burstWrites: o.burstWrites, tornRewrites: o.tornRewrites, progress: o.progress }));
  runs.push(await runLsyncd(lab, { delay: 15, reuse: false, lagWrites: o.slowLagWrites, burstWrites: o.burstWrites, tornRewrites: 0, progress: o.progress }));
  return { version, syncerTorn, runs };
}
