// One bus tap per router (nemesis/bus-tap.js in the router's network namespace), and what they heard.
import { readFile } from 'node:fs/promises';
import { startRecorded } from '../lab.js';
import { REPO_ROOT } from '../paths.js';
import type { LabState } from '../state-file.js';
import { CLIENTS, ROUTER_IDS, ROUTERS, type RouterId } from '../topology.js';
import { natsCredential } from '../router-argv.js';
import { NEMESIS_DIR } from './load.js';
import { parseTapLines, type ParsedReports } from './reports.js';

const TAP_MAIN = `${REPO_ROOT}/tools/lab/dist/nemesis/bus-tap.js`;

export function tapFile(id: RouterId): string {
  return `${NEMESIS_DIR}/${id}.bus.jsonl`;
}

/** Starts both taps, each with routerctl's read-only credential; their PIDs are what a power-off must spare. */
export async function startTaps(state: LabState): Promise<Set<number>> {
  const pids = new Set<number>();
  for (const id of ROUTER_IDS) {
    const argv = ['nsenter', `--net=/run/netns/${ROUTERS[id].ns}`, '--', process.execPath, TAP_MAIN, id, tapFile(id), natsCredential(ROUTERS[id], 'routerctl')];
    pids.add(await startRecorded(state, { name: 'bus-tap', argv, env: {} }, { router: id, logFile: `${NEMESIS_DIR}/${id}.bus-tap.log` }));
  }
  return pids;
}

export async function readReports(): Promise<ParsedReports> {
  const all: ParsedReports = { events: [], conflicts: [], bad: [] };
  for (const id of ROUTER_IDS) {
    const parsed = parseTapLines(await readFile(tapFile(id), 'utf8').catch(() => ''), `${id} bus`, CLIENTS);
    all.events.push(...parsed.events);
    all.conflicts.push(...parsed.conflicts);
    all.bad.push(...parsed.bad);
  }
  all.events.sort((a, b) => a.receivedAt - b.receivedAt);
  return all;
}
