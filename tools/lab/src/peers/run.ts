// `peers`: ours with sync, ours without, and Kea HA, one after the other on the same lab, then the table.
import type { Narrator } from '../narrator.js';
import type { PeersCommand } from './args.js';
import { runKea, runKeaSolo } from './kea-run.js';
import { runOurs } from './ours-run.js';
import { peerPlan } from './plan.js';
import { peersTable, type PeerRow } from './report.js';
import { loadNote } from './load-note.js';
import { LabError } from '../errors.js';
import { run as exec } from '../exec.js';

export interface PeersOutcome {
  rows: PeerRow[];
  table: string;
  ok: boolean;
}

export async function runPeers(command: PeersCommand, n: Narrator): Promise<PeersOutcome> {
  if ((await exec(['which', 'perfdhcp'], { check: false })).exitCode !== 0) throw new LabError('lab peers: expected perfdhcp on PATH (Debian package kea-admin), found none (run tools/setup.sh)');
  const plan = peerPlan(command);
  const before = await loadNote();
  const rows: PeerRow[] = [];
  for (const run of command.runs) rows.push(run === 'kea' ? await runKea(plan, n) : run === 'kea-solo' ? await runKeaSolo(plan, n) : await runOurs(run, plan, n));
  const table = peersTable(rows, { cycles: plan.cycles, note: `Load average before / after: ${before} / ${await loadNote()} (2 cores).` });
  return { rows, table, ok: rows.every((r) => r.failures.length === 0) };
}
