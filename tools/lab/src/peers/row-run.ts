// What every `peers` run does around its own steps: an empty row, the load steps, and the rule that a
// failure is kept in the row (the table shows it) and the lab is taken down whatever happened.
import { down } from '../lab.js';
import type { Narrator } from '../narrator.js';
import type { PeerRunId } from './args.js';
import { measureLoad } from './load.js';
import type { PeerPlan } from './plan.js';
import { RUN_LABELS, type PeerRow } from './report.js';

/** Runs `steps` on a new row for `run`; a thrown error becomes one of the row's failures; the lab ends. */
export async function runRow(run: PeerRunId, n: Narrator, steps: (row: PeerRow) => Promise<void>): Promise<PeerRow> {
  const row: PeerRow = { run, label: RUN_LABELS[run], proof: undefined, failovers: [], load: undefined, failures: [] };
  try {
    await steps(row);
  } catch (error) {
    row.failures.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    n.say(`${row.label}: FAILED: ${row.failures[row.failures.length - 1] ?? ''}`);
  } finally {
    await down({ narrator: n });
  }
  return row;
}

/** perfdhcp's load steps from client c1 into the row, and the best rate said. */
export async function loadRow(row: PeerRow, plan: PeerPlan, n: Narrator): Promise<void> {
  row.load = await measureLoad('c1', plan.loadRates, plan.loadSeconds);
  n.say(`load: best ${Math.round(row.load.bestPerS)} leases/s (${row.load.steps.map((s) => `${s.offeredPerS}→${Math.round(s.grantedPerS)}`).join(', ')})`);
}
