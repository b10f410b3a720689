// The nemesis against Kea HA: the same seeded schedule (faults and client actions) and the same count
// from the clients' own records as `nemesis`, with each fault done to Kea's daemons instead of ours:
//   split brain      -> both routers drop the HA channel (TCP 8000) to and from the peer, and half their DHCP replies
//   cut link         -> the same (the primary's or the standby's LAN port down)
//   kill -9 of agent -> kill -9 of that router's kea-dhcp4, started again 2 s later (our units' RestartSec)
//   SIGSTOP keepalived -> SIGSTOP of that router's kea-dhcp4, SIGCONT at the end of the hold
//   master reboot    -> kill -9 of the serving router's kea-dhcp4 and kea-ctrl-agent, started again after the off time
//   cold start       -> both killed; one loses its lease file (a reinstall) and boots first, its peer after the lag
// "master" is the serving router (the primary once both are back in hot-standby), "backup" the other.
// Kea reports no conflicts, so each conflict counts as unreported; the rule to pass is the nemesis's.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { killQuietly, sleep } from '@routerd/testkit';
import { errorMessage } from '@routerd/model';
import { run } from '../exec.js';
import { down } from '../lab.js';
import type { Narrator } from '../narrator.js';
import { setLanPort } from '../netns.js';
import type { LabState } from '../state-file.js';
import { CLIENTS, LAB_DIR, ROUTER_IDS, ROUTERS, type RouterId } from '../topology.js';
import { check, passed, summaryLine, type CheckResult } from '../nemesis/checker.js';
import { createClientsDriver, readClientRecords, type ClientsDriver } from '../nemesis/load.js';
import { LEASE_TIME, POOL, POOL_SIZE } from '../nemesis/run.js';
import { AGENTS, buildSchedule, describeFault, type Cycle, type Fault } from '../nemesis/schedule.js';
import { NFT_TABLE } from '../nemesis/split-brain.js';
import { KEA_CA_PORT, keaPaths } from './kea-configs.js';
import { haState, keaCommand } from './kea-control.js';
import { keaPid, keaUp, startKea, type KeaDaemon } from './kea-lab.js';

const RESTART_MS = 2_000;
const CONVERGE_MS = 60_000;
const LEASE_SECONDS = 120; // the nemesis's LEASE_TIME, 2m

interface Step {
  atMs: number;
  run: () => Promise<void>;
}

interface Plan {
  inject: () => Promise<void>;
  steps: Step[];
  heal: (() => Promise<void>) | undefined;
}

function haSplitRules(id: RouterId): string {
  const peer = ROUTERS[ROUTERS[id].peer].v4;
  return [
    `table inet ${NFT_TABLE} {`,
    `  chain input { type filter hook input priority 0; policy accept; ip saddr ${peer} tcp dport ${KEA_CA_PORT} drop; ip saddr ${peer} tcp sport ${KEA_CA_PORT} drop; }`,
    `  chain output { type filter hook output priority 0; policy accept; ip daddr ${peer} tcp dport ${KEA_CA_PORT} drop; ip daddr ${peer} tcp sport ${KEA_CA_PORT} drop; udp sport 67 numgen random mod 2 == 0 drop; }`,
    '}',
    '',
  ].join('\n');
}

/** The fault as done to Kea, for the narration (describeFault names our daemons). */
function keaFaultText(fault: Fault): string {
  const who = (r: 'master' | 'backup') => (r === 'master' ? 'the primary' : 'the standby');
  switch (fault.kind) {
    case 'split-brain':
      return `split brain: the HA channel (TCP ${KEA_CA_PORT}) dropped between r1 and r2 for ${fault.holdMs / 1000} s, each router loses half its DHCP replies${fault.alsoKill === undefined ? '' : `; kill -9 of ${fault.alsoKill.router}'s kea-dhcp4 at +${(fault.alsoKill.atMs / 1000).toFixed(1)} s`}`;
    case 'cut-link':
      return `cut link: ${who(fault.target)}'s LAN port down for ${fault.holdMs / 1000} s`;
    case 'kill-agent':
      return `kill -9 of ${who(fault.target)}'s kea-dhcp4 (ours: its ${fault.agent}), started again after ${RESTART_MS / 1000} s`;
    case 'stop-keepalived':
      return `SIGSTOP of ${who(fault.target)}'s kea-dhcp4 for ${fault.holdMs / 1000} s, then SIGCONT`;
    case 'master-reboot':
      return `primary reboot: kea-dhcp4 and kea-ctrl-agent killed, back after ${(fault.offMs / 1000).toFixed(1)} s`;
    case 'cold-start':
      return `cold start: all Kea daemons killed, ${fault.empty}'s lease directory emptied; ${fault.empty} starts after ${(fault.offMs / 1000).toFixed(1)} s, its peer ${(fault.lagMs / 1000).toFixed(1)} s later`;
  }
}

async function kill(state: LabState, id: RouterId, daemon: KeaDaemon, signal: NodeJS.Signals, say: (t: string) => void): Promise<void> {
  const pid = keaPid(state, id, daemon);
  if (pid !== undefined) killQuietly(pid, signal);
  say(`${signal === 'SIGKILL' ? 'kill -9' : signal} of ${id}'s ${daemon}${pid === undefined ? ' (none recorded)' : ` (pid ${pid})`}`);
}

function planFault(fault: Fault, state: LabState, serving: RouterId, say: (t: string) => void): Plan {
  const role = (r: 'master' | 'backup') => (r === 'master' ? serving : ROUTERS[serving].peer);
  switch (fault.kind) {
    case 'split-brain': {
      const steps: Step[] = [];
      if (fault.alsoKill !== undefined) {
        const { router, atMs } = fault.alsoKill;
        steps.push({ atMs, run: () => kill(state, router, 'kea-dhcp4', 'SIGKILL', say) }, { atMs: atMs + RESTART_MS, run: () => startKea(state, router, 'kea-dhcp4') });
      }
      return {
        inject: async () => {
          await mkdir(`${LAB_DIR}/nemesis`, { recursive: true });
          for (const id of ROUTER_IDS) {
            const file = `${LAB_DIR}/nemesis/kea-split-${id}.nft`;
            await writeFile(file, haSplitRules(id));
            await run(['ip', 'netns', 'exec', ROUTERS[id].ns, 'nft', '-f', file]);
          }
        },
        steps,
        heal: async () => {
          for (const id of ROUTER_IDS) await run(['ip', 'netns', 'exec', ROUTERS[id].ns, 'nft', 'delete', 'table', 'inet', NFT_TABLE], { check: false });
        },
      };
    }
    case 'cut-link': {
      const id = role(fault.target);
      return { inject: () => setLanPort(id, 'down'), steps: [], heal: () => setLanPort(id, 'up') };
    }
    case 'kill-agent': {
      const id = role(fault.target);
      return { inject: () => kill(state, id, 'kea-dhcp4', 'SIGKILL', say), steps: [{ atMs: RESTART_MS, run: () => startKea(state, id, 'kea-dhcp4') }], heal: undefined };
    }
    case 'stop-keepalived': {
      const id = role(fault.target);
      return { inject: () => kill(state, id, 'kea-dhcp4', 'SIGSTOP', say), steps: [], heal: () => kill(state, id, 'kea-dhcp4', 'SIGCONT', say) };
    }
    case 'master-reboot':
      return {
        inject: async () => {
          await kill(state, serving, 'kea-dhcp4', 'SIGKILL', say);
          await kill(state, serving, 'kea-ctrl-agent', 'SIGKILL', say);
        },
        steps: [{ atMs: fault.offMs, run: () => startKea(state, serving) }],
        heal: undefined,
      };
    case 'cold-start': {
      const peer = ROUTERS[fault.empty].peer;
      return {
        inject: async () => {
          for (const id of ROUTER_IDS) for (const d of ['kea-dhcp4', 'kea-ctrl-agent'] as const) await kill(state, id, d, 'SIGKILL', say);
          // A reinstall: the lease file and its rotated copies gone.
          const { state: dir } = keaPaths(fault.empty);
          await rm(dir, { recursive: true, force: true });
          await mkdir(dir, { recursive: true });
        },
        steps: [
          { atMs: fault.offMs, run: () => startKea(state, fault.empty) },
          { atMs: fault.offMs + fault.lagMs, run: () => startKea(state, peer) },
        ],
        heal: undefined,
      };
    }
  }
}

/** Both peers back in hot-standby, for 2 s; the primary serves then. */
async function converged(timeoutMs: number): Promise<{ ok: boolean; detail: string; ms: number }> {
  const began = Date.now();
  let since: number | undefined;
  let detail = '';
  while (Date.now() - began < timeoutMs) {
    const [a, b] = await Promise.all([haState('r1'), haState('r2')]);
    detail = `r1 ${a ?? 'no answer'}, r2 ${b ?? 'no answer'}`;
    if (a === 'hot-standby' && b === 'hot-standby') {
      since ??= Date.now();
      if (Date.now() - since >= 2_000) return { ok: true, detail, ms: since - began };
    } else since = undefined;
    await sleep(100);
  }
  return { ok: false, detail, ms: Date.now() - began };
}

/** The v4 leases kea-dhcp4 holds (lease4-get-all), for the count's "unknown to the serving server". */
async function keaLeases(id: RouterId): Promise<{ mac: string; address: string }[]> {
  const answer = await keaCommand(id, 'lease4-get-all', undefined, 5_000).catch(() => undefined);
  const leases = answer?.arguments?.['leases'];
  if (!Array.isArray(leases)) return [];
  return leases.map((l: Record<string, unknown>) => ({ mac: String(l['hw-address']), address: String(l['ip-address']) }));
}

async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await sleep(wait);
}

async function runCycle(n: Narrator, state: LabState, clients: ClientsDriver, cycle: Cycle, total: number, began: number): Promise<void> {
  n.step(`cycle ${cycle.index}/${total}: ${keaFaultText(cycle.fault)} (ours: ${describeFault(cycle.fault)})`);
  const t0 = Date.now();
  const plan = planFault(cycle.fault, state, 'r1', (t) => n.say(t));
  await plan.inject();
  const timeline = [...plan.steps, ...cycle.load.map((a) => ({ atMs: a.atMs, run: async () => { await clients.act(a); n.say(`load: ${a.client} ${a.kind}`); } }))].sort((a, b) => a.atMs - b.atMs);
  for (const step of timeline) {
    await sleepUntil(t0 + step.atMs);
    await step.run();
  }
  await sleepUntil(t0 + cycle.windowMs);
  n.say(`before the heal: r1 ${(await haState('r1')) ?? 'no answer'}, r2 ${(await haState('r2')) ?? 'no answer'}`);
  if (plan.heal !== undefined) await plan.heal();
  const conv = await converged(CONVERGE_MS);
  const r = check({ now: Date.now(), clients: await clients.records(), reports: [] });
  n.say(`check ${cycle.index}: ${conv.ok ? `both hot-standby after ${(conv.ms / 1000).toFixed(1)} s` : `NOT converged: ${conv.detail}`}; so far ${r.granted} granted, ${r.lost} lost, ${r.duplicates} duplicates, ${r.conflicts} conflicts; +${((Date.now() - began) / 1000).toFixed(0)} s`);
}

export async function runKeaNemesis(cmd: { seed: number; cycles: number }, n: Narrator): Promise<{ line: string; ok: boolean }> {
  const began = Date.now();
  const ids = CLIENTS.map((c) => c.id);
  const schedule = buildSchedule({ seed: cmd.seed, cycles: cmd.cycles, clients: ids, agents: AGENTS, maxHolders: POOL_SIZE - 1 });
  n.step(`nemesis against Kea HA: seed ${cmd.seed}, ${cmd.cycles} cycles (the same schedule as ours), ${ids.length} clients ignoring ping, leases ${LEASE_TIME}, pool ${POOL.start}-${POOL.end}`);
  let result: CheckResult | undefined;
  let aborted: string | undefined;
  let completed = 0;
  try {
    const state = await keaUp(n, ids.length, { validLifetimeS: LEASE_SECONDS, pool: POOL });
    const clients = createClientsDriver(state, ids);
    await clients.setup();
    const warm = Date.now();
    for (const id of schedule.warmup) {
      await clients.act({ client: id, kind: 'join' });
      await sleep(300);
    }
    const unbound = await clients.awaitEvents(schedule.warmup, warm, ['bound'], 30_000);
    n.say(`warm-up: ${schedule.warmup.length - unbound.length} of ${schedule.warmup.length} bound`);
    for (const cycle of schedule.cycles) {
      await runCycle(n, state, clients, cycle, cmd.cycles, began);
      completed += 1;
    }
    n.step('final: every offline client comes back, then one renew round');
    const back = clients.ids().filter((id) => clients.status(id) === 'offline');
    const returned = Date.now();
    for (const id of back) await clients.act({ client: id, kind: 'return' });
    if (back.length > 0) await clients.awaitEvents(back, returned, ['bound', 'nak', 'leasefail'], 20_000);
    const conv = await converged(CONVERGE_MS);
    const live = clients.ids().filter((id) => clients.status(id) === 'live');
    const round = Date.now();
    for (const id of live) await clients.act({ client: id, kind: 'renew' });
    await clients.awaitEvents(live, round, ['renew', 'bound'], 30_000);
    const serving: RouterId = conv.ok ? 'r1' : (await haState('r2')) === 'partner-down' ? 'r2' : 'r1';
    result = check({ now: Date.now(), clients: await clients.records(), reports: [], master: { router: serving, leases: await keaLeases(serving) } });
    n.say(`count against ${serving}'s leases (lease4-get-all)${conv.ok ? '' : `; NOT converged: ${conv.detail}`}`);
  } catch (error) {
    aborted = errorMessage(error);
    n.say(`ABORTED: ${aborted}`);
  } finally {
    await down({ narrator: n });
  }
  result ??= check({ now: Date.now(), clients: await readClientRecords(ids), reports: [] });
  for (const l of result.losses) n.say(`lost: ${l.client}'s ${l.address} (${l.how} at +${((l.at - began) / 1000).toFixed(1)} s)`);
  for (const d of result.duplicateAddresses) n.say(`duplicate: ${d.address} held by ${d.clients.join(' and ')}`);
  for (const c of result.conflictList) n.say(`conflict: ${c.address} between ${c.clients.join(' and ')} from +${((c.since - began) / 1000).toFixed(1)} s`);
  n.say(`nemesis against Kea took ${((Date.now() - began) / 1000).toFixed(0)} s`);
  return { line: `kea ${summaryLine(completed, result)}`, ok: aborted === undefined && passed(result) };
}
