// The nemesis: lab up with short leases and twelve clients, a warm-up, the seeded cycles, every
// offline client back and one renew round, the count, lab down. Narrated on stderr; the last line
// (stdout, by the CLI) is the count.
import { access } from 'node:fs/promises';
import { sleep } from '@routerd/testkit';
import { errorMessage } from '@routerd/model';
import type { LabDhcpProfile } from '../configs.js';
import { LabError } from '../errors.js';
import { run } from '../exec.js';
import { down, up } from '../lab.js';
import type { Narrator } from '../narrator.js';
import { PROMOTER_MAIN } from '../paths.js';
import { readLabState } from '../state-file.js';
import { CLIENTS, STATE_FILE, type RouterId } from '../topology.js';
import type { NemesisCommand } from './args.js';
import { check, notInFile, passed, summaryLine, type CheckResult } from './checker.js';
import { CONVERGE_MS, countSoFar, countText, runCycle, type NemesisContext } from './cycle.js';
import { createClientsDriver, readClientRecords } from './load.js';
import { awaitConverged, v4Leases } from './observe.js';
import { AGENTS, buildSchedule } from './schedule.js';
import { createSupervisor, type Supervisor } from './supervisor.js';
import { readReports, startTaps } from './taps.js';

/** dnsmasq's shortest lease: clients renew at half of it, so every run sees renews. */
export const LEASE_TIME = '2m';
/**
 * 8 addresses for 12 clients, at most 7 holding one: dnsmasq starts each client's search at a hash of
 * its MAC, and the lab's consecutive MACs give consecutive addresses, so only a pool smaller than the
 * clients makes two of them want one address (c1 and c9, c2 and c10 ...): an address a router forgot
 * then goes to another client, which is how a lost lease shows.
 */
export const POOL = { start: '192.0.2.100', end: '192.0.2.107' };
export const POOL_SIZE = 8;

export interface NemesisOutcome {
  line: string;
  ok: boolean;
}

async function preflight(cmd: NemesisCommand): Promise<void> {
  if ((await run(['which', 'nft'], { check: false })).exitCode !== 0) throw new LabError('lab nemesis: expected nft on PATH (its split brain drops VRRP with nftables), found none (run tools/setup.sh)');
  try {
    await access(PROMOTER_MAIN);
  } catch {
    throw new LabError(`lab nemesis: expected the built routerd-dhcp-promoter ${PROMOTER_MAIN}, found none (run npm run build)`);
  }
  if (cmd.delivery !== undefined && cmd.sync === false) throw new LabError('lab nemesis: --delivery needs the sync');
}

function controlLabel(cmd: NemesisCommand): string {
  if (!cmd.sync) return 'WITHOUT the lease sync (control)';
  return cmd.delivery === undefined ? 'lease syncs as the examples have them (delivery: the default)' : `lease syncs with delivery: ${cmd.delivery}${cmd.delivery === 'replace' ? ' (control)' : ''}`;
}

async function finalPhase(ctx: NemesisContext, master: RouterId): Promise<CheckResult> {
  const { n, clients } = ctx;
  n.step('final: every offline client comes back, then one renew round');
  const back = clients.ids().filter((id) => clients.status(id) === 'offline');
  const returned = Date.now();
  for (const id of back) await clients.act({ client: id, kind: 'return' });
  if (back.length > 0) {
    const silent = await clients.awaitEvents(back, returned, ['bound', 'nak', 'leasefail'], 20_000);
    n.say(`back online: ${back.join(', ')}${silent.length === 0 ? '' : `; no answer yet for ${silent.join(', ')}`}`);
  }
  const conv = await awaitConverged(ctx.supervisor, CONVERGE_MS);
  const serving = conv.ok ? conv.master : master;
  const live = clients.ids().filter((id) => clients.status(id) === 'live');
  const round = Date.now();
  for (const id of live) await clients.act({ client: id, kind: 'renew' });
  // A NAKed client asks again and is bound a few seconds later: wait for a renew or a bound.
  const silent = await clients.awaitEvents(live, round, ['renew', 'bound'], 30_000);
  n.say(`renew round: ${live.length - silent.length} of ${live.length} live clients renewed or were bound again${silent.length === 0 ? '' : `; none for ${silent.join(', ')}`}`);
  // dnsmasq writes its file right after it answers; give the last renews a moment to land there.
  const fileDeadline = Date.now() + 3_000;
  let leases = await v4Leases(serving);
  while (Date.now() < fileDeadline) {
    const { result: soFar, reports } = await countSoFar(ctx);
    if (notInFile(soFar.holdings.filter((h) => h.live), leases, reports.conflicts).length === 0) break;
    await sleep(250);
    leases = await v4Leases(serving);
  }
  const { result } = await countSoFar(ctx, { router: serving, leases });
  n.say(`count against ${serving}'s lease file (${conv.ok ? 'converged' : `NOT converged: ${conv.detail}`})`);
  return result;
}

function narrateResult(n: Narrator, r: CheckResult, supervisor: Supervisor | undefined, began: number): void {
  n.step(`result: ${countText(r)}, ${r.renewed} renews`);
  for (const l of r.losses) n.say(`lost: ${l.client}'s ${l.address} (${l.how} at +${((l.at - began) / 1000).toFixed(1)} s)`);
  for (const d of r.duplicateAddresses) n.say(`duplicate: ${d.address} held by ${d.clients.join(' and ')}`);
  for (const c of r.conflictList) n.say(`conflict: ${c.address} between ${c.clients.join(' and ')} from +${((c.since - began) / 1000).toFixed(1)} s, ${c.reported ? 'reported' : 'NOT reported'}`);
  for (const death of supervisor?.unexpectedDeaths() ?? []) n.say(`an agent died without a fault: ${death}`);
}

export interface RunOptions {
  /** Aborted: stop restarting services, take the lab down, then call onInterrupted. */
  signal?: AbortSignal;
  onInterrupted?: () => void;
}

export async function runNemesis(cmd: NemesisCommand, n: Narrator, options: RunOptions = {}): Promise<NemesisOutcome> {
  const began = Date.now();
  const ids = CLIENTS.map((c) => c.id);
  const agents = AGENTS.filter((a) => cmd.sync || a !== 'syncer');
  const schedule = buildSchedule({ seed: cmd.seed, cycles: cmd.cycles, clients: ids, agents, maxHolders: POOL_SIZE - 1 });
  n.step(`nemesis: seed ${cmd.seed}, ${cmd.cycles} cycles, ${controlLabel(cmd)}; ${ids.length} clients ignoring ping (at most ${POOL_SIZE - 1} holding a lease), leases ${LEASE_TIME}, pool ${POOL.start}-${POOL.end}`);
  await preflight(cmd);
  // The clients ignore ping, so dnsmasq's ping before each offer only stalls it 3 s (it blocks meanwhile).
  const profile: LabDhcpProfile = { v4LeaseTime: LEASE_TIME, v4Pool: POOL, dnsmasqArgs: ['--no-ping'], ...(cmd.delivery === undefined ? {} : { delivery: cmd.delivery }) };
  let supervisor: Supervisor | undefined;
  let result: CheckResult | undefined;
  let aborted: string | undefined;
  let completed = 0;
  const clientsCount = ids.length;
  options.signal?.addEventListener(
    'abort',
    () => {
      n.say(`interrupted (${String(options.signal?.reason)}): taking the lab down`);
      void (async () => {
        await supervisor?.stop();
        await down({ narrator: n });
      })().finally(() => options.onInterrupted?.());
    },
    { once: true },
  );
  try {
    try {
      await up({ sync: cmd.sync, narrator: n, clients: clientsCount, profile });
    } catch (error) {
      if (cmd.delivery === undefined) throw error;
      throw new LabError(`lab nemesis: --delivery ${cmd.delivery} needs spec.delivery in the lease sync schema (issue 10); rendering the lab's configuration failed: ${errorMessage(error)}`, { cause: error });
    }
    const state = await readLabState(STATE_FILE);
    if (state === undefined) throw new LabError(`lab nemesis: expected the lab state ${STATE_FILE} after up, found none`);
    const clients = createClientsDriver(state, ids);
    await clients.setup();
    const spare = await startTaps(state);
    supervisor = createSupervisor({ state, sync: cmd.sync, promoter: true, narrator: n });
    const ctx: NemesisContext = { n, began, cycles: cmd.cycles, state, supervisor, clients, spare, sync: cmd.sync, promoter: true, seenLosses: new Set(), seenEvents: new Set() };

    n.step(`warm-up: ${schedule.warmup.join(', ')} join`);
    const warm = Date.now();
    for (const id of schedule.warmup) {
      await clients.act({ client: id, kind: 'join' });
      await sleep(300);
    }
    const unbound = await clients.awaitEvents(schedule.warmup, warm, ['bound'], 30_000);
    const conv = await awaitConverged(supervisor, CONVERGE_MS);
    if (!conv.ok) throw new LabError(`lab nemesis: expected one master serving DHCP after the warm-up, found ${conv.detail}`);
    n.say(`warm-up done: ${schedule.warmup.length - unbound.length} clients bound${unbound.length === 0 ? '' : `, none yet for ${unbound.join(', ')}`}; ${conv.master} is master`);

    let master: RouterId = conv.master;
    for (const cycle of schedule.cycles) {
      master = await runCycle(ctx, cycle, master);
      completed += 1;
    }
    result = await finalPhase(ctx, master);
  } catch (error) {
    aborted = errorMessage(error);
    n.say(`ABORTED: ${aborted}`);
  } finally {
    await supervisor?.stop();
    await down({ narrator: n });
  }
  // An aborted run still counts what its clients recorded (the files outlive `down`), for the cycles it ran.
  if (result === undefined) {
    result = check({ now: Date.now(), clients: await readClientRecords(ids), reports: (await readReports()).conflicts });
  }
  narrateResult(n, result, supervisor, began);
  n.say(`nemesis took ${((Date.now() - began) / 1000).toFixed(0)} s`);
  return { line: summaryLine(completed, result), ok: aborted === undefined && passed(result) };
}
