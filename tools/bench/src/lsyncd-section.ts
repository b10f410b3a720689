// The peer section: torn files through the agents, then lsyncd at delay = 0 (ssh ControlMaster in its
// rsh) and at its default delay = 15 (fewer writes: each one waits 15 s).
import type { Lab } from './lab.js';
import { runLsyncd, tornRun, type LsyncdRun, type TornResult } from './lsyncd-run.js';

export interface LsyncdSection {
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

export async function runLsyncdSection(lab: Lab, o: LsyncdSectionOptions): Promise<LsyncdSection> {
  o.progress(`torn files through the agents: ${o.tornRewrites} chunked rewrites`);
  const syncerTorn = await tornRun(lab.leaseFile, lab.standbyPath(0, lab.leaseFile), o.tornRewrites, 10_000);
  const runs: LsyncdRun[] = [];
  runs.push(await runLsyncd(lab, { delay: 0, reuse: true, lagWrites: o.lagWrites, burstWrites: o.burstWrites, tornRewrites: o.tornRewrites, progress: o.progress }));
  runs.push(await runLsyncd(lab, { delay: 15, reuse: false, lagWrites: o.slowLagWrites, burstWrites: o.burstWrites, tornRewrites: 0, progress: o.progress }));
  return { syncerTorn, runs };
}
