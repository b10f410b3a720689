// The lab with Kea's own HA in place of routerd: the same namespaces, bridge, routers and clients;
// on each router kea-dhcp4 (HA hot-standby) and kea-ctrl-agent, no keepalived, no routerd agent, no dnsmasq.
// Kea HA needs no VIP: each peer answers from its own address and the standby answers only once it
// has declared the primary down, so the failover is Kea's own decision, not a VIP move.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { notYet, stopPid, waitFor } from '@routerd/testkit';
import { LabError } from '../errors.js';
import { run } from '../exec.js';
import { down, startRecorded } from '../lab.js';
import type { Narrator } from '../narrator.js';
import { createTopology } from '../netns.js';
import type { ProcessSpec } from '../router-argv.js';
import { writeLabState, type LabState } from '../state-file.js';
import { DEFAULT_CLIENT_COUNT, LAB_DIR, ROUTER_IDS, ROUTERS, routerDirs, STATE_FILE, type RouterId } from '../topology.js';
import { keaCtrlAgentConfig, keaDhcp4Config, keaEnv, keaPaths, KEA_ROLES, type KeaProfile } from './kea-configs.js';
import { haState, keaCommand } from './kea-control.js';

const KEA_TOOLS = ['kea-dhcp4', 'kea-ctrl-agent', 'ip', 'nsenter', 'udhcpc'];

function inNetns(id: RouterId, argv: string[]): string[] {
  return ['nsenter', `--net=/run/netns/${ROUTERS[id].ns}`, '--', ...argv];
}

export function keaServices(id: RouterId): ProcessSpec[] {
  const p = keaPaths(id);
  return [
    { name: 'kea-dhcp4', argv: inNetns(id, ['kea-dhcp4', '-c', p.dhcp4Config]), env: keaEnv(id) },
    { name: 'kea-ctrl-agent', argv: inNetns(id, ['kea-ctrl-agent', '-c', p.agentConfig]), env: keaEnv(id) },
  ];
}

export type KeaDaemon = 'kea-dhcp4' | 'kea-ctrl-agent';

/** Starts the router's Kea daemons (both, or the one named), recorded in the lab state. */
export async function startKea(state: LabState, id: RouterId, only?: KeaDaemon): Promise<void> {
  for (const spec of keaServices(id).filter((s) => only === undefined || s.name === only)) await startRecorded(state, spec, { router: id, logFile: `${routerDirs(id).log}/${spec.name}.log` });
}

/** The recorded PID of a router's Kea daemon (the last one started). */
export function keaPid(state: LabState, id: RouterId, daemon: KeaDaemon): number | undefined {
  return state.processes.filter((p) => p.router === id && p.name === daemon).pop()?.pid;
}

/** SIGTERM to the router's kea-dhcp4 and kea-ctrl-agent (as `systemctl stop` would), waiting until both are gone. */
export async function stopKea(state: LabState, id: RouterId): Promise<void> {
  const mine = state.processes.filter((p) => p.router === id && (p.name === 'kea-dhcp4' || p.name === 'kea-ctrl-agent'));
  await Promise.all(mine.map((p) => stopPid(p.pid, 5_000)));
}

/** Waits until each router reports the given HA state (e.g. both hot-standby after a start or a heal). */
export async function waitHaStates(want: Partial<Record<RouterId, string>>, why: string, timeoutMs = 60_000): Promise<number> {
  const began = Date.now();
  await waitFor(`Kea HA states ${JSON.stringify(want)} (${why})`, async () => {
    const seen: Record<string, string> = {};
    for (const [id, state] of Object.entries(want) as [RouterId, string][]) {
      const now = await haState(id);
      seen[id] = now ?? 'no answer';
      if (now !== state) return notYet(JSON.stringify(seen));
    }
    return true;
  }, { timeoutMs, intervalMs: 100 });
  return Date.now() - began;
}

export async function keaUp(narrator: Narrator, clients = DEFAULT_CLIENT_COUNT, profile: KeaProfile = {}): Promise<LabState> {
  const began = Date.now();
  if (process.getuid?.() !== 0) throw new LabError('lab kea: expected to run as root (namespaces), found uid ' + String(process.getuid?.()));
  const missing: string[] = [];
  for (const tool of KEA_TOOLS) if ((await run(['which', tool], { check: false })).exitCode !== 0) missing.push(tool);
  if (missing.length > 0) throw new LabError(`lab kea: expected these programs on PATH, missing: ${missing.join(', ')} (run tools/setup.sh)`);
  await down({ narrator, quiet: true });
  await rm(LAB_DIR, { recursive: true, force: true });
  await mkdir(LAB_DIR, { recursive: true });
  const state: LabState = { version: 1, startedAt: new Date().toISOString(), sync: false, promotion: 'kea-ha', holders: {}, namespaces: [], processes: [] };
  await writeLabState(STATE_FILE, state);
  narrator.step(profile.ha === false ? 'lab up with Kea alone on r1 (no HA): the control for what HA costs' : `lab up with Kea HA (hot-standby): ${ROUTER_IDS.map((id) => `${id} ${KEA_ROLES[id]}`).join(', ')}; no keepalived, no routerd agents`);
  await createTopology(async (ns) => {
    state.namespaces.push(ns);
    await writeLabState(STATE_FILE, state);
  }, clients);
  for (const id of ROUTER_IDS) {
    const p = keaPaths(id);
    for (const dir of [routerDirs(id).log, p.etc, p.run, p.state]) await mkdir(dir, { recursive: true });
    await writeFile(p.dhcp4Config, `${JSON.stringify(keaDhcp4Config(id, profile), null, 2)}\n`);
    await writeFile(p.agentConfig, `${JSON.stringify(keaCtrlAgentConfig(id), null, 2)}\n`);
  }
  if (profile.ha === false) {
    // The control: r1's kea-dhcp4 alone, no HA hook, r2 serves nothing.
    await startKea(state, 'r1');
    await waitFor("r1's kea-dhcp4 answering on its control socket", async () => ((await keaCommand('r1', 'version-get').catch(() => undefined))?.result === 0 ? true : notYet('no answer')), { timeoutMs: 20_000, intervalMs: 100 });
    narrator.say(`Kea alone on r1 (no HA hook); lab up in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    return state;
  }
  for (const id of ROUTER_IDS) await startKea(state, id);
  const ms = await waitHaStates({ r1: 'hot-standby', r2: 'hot-standby' }, 'after start');
  narrator.say(`Kea HA: both peers hot-standby ${ms} ms after start; lab up in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return state;
}
