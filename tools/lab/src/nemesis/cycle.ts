// One cycle: the fault, the load within its window, the heal, then the check (convergence, P4's
// "every unexpired lease is in the serving master's file", and the count so far), each narrated.
import { sleep } from '@routerd/testkit';
import type { Narrator } from '../narrator.js';
import type { LabState } from '../state-file.js';
import type { RouterId } from '../topology.js';
import { check, notInFile, type CheckResult } from './checker.js';
import { planFault } from './faults.js';
import type { ClientsDriver } from './load.js';
import { awaitConverged, routerOf, routersNow, v4Leases } from './observe.js';
import type { ParsedReports } from './reports.js';
import { describeFault, type Cycle, type LoadAction } from './schedule.js';
import type { Supervisor } from './supervisor.js';
import { readReports } from './taps.js';

export const CONVERGE_MS = 30_000;
/** P4's bound: a heal's merge reaches the serving master's file within a few seconds. */
export const COVERAGE_MS = 8_000;

export interface NemesisContext {
  n: Narrator;
  began: number;
  cycles: number;
  state: LabState;
  supervisor: Supervisor;
  clients: ClientsDriver;
  spare: ReadonlySet<number>;
  sync: boolean;
  promoter: boolean;
  seenLosses: Set<string>;
  seenEvents: Set<string>;
}

const LOAD_TEXT: Record<LoadAction['kind'], string> = {
  join: 'joins',
  return: 'comes back online (asks for its address)',
  offline: 'goes offline silently (keeps its lease)',
  release: 'releases its lease and leaves',
  renew: 'renews (SIGUSR1)',
};

const since = (ctx: NemesisContext, at: number) => `+${((at - ctx.began) / 1000).toFixed(1)} s`;

async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await sleep(wait);
}

/** The count so far, with each new loss and each new reconcile event narrated once. */
export async function countSoFar(ctx: NemesisContext, master?: { router: RouterId; leases: { mac: string; address: string }[] }): Promise<{ result: CheckResult; reports: ParsedReports }> {
  const reports = await readReports();
  const result = check({ now: Date.now(), clients: await ctx.clients.records(), reports: reports.conflicts, ...(master === undefined ? {} : { master }) });
  for (const e of reports.events) {
    const key = `${e.router} ${e.receivedAt} ${e.at} ${e.action} ${e.name}`;
    if (ctx.seenEvents.has(key)) continue;
    ctx.seenEvents.add(key);
    ctx.n.say(`bus: ${e.router} ${e.action}${e.reason === undefined ? '' : ` (${e.reason})`}: ${e.message}`);
  }
  for (const loss of result.losses) {
    const key = `${loss.client} ${loss.address} ${loss.at} ${loss.how}`;
    if (ctx.seenLosses.has(key)) continue;
    ctx.seenLosses.add(key);
    ctx.n.say(`LOST: ${loss.client}'s ${loss.address} (${loss.how} at ${since(ctx, loss.at)}, its lease ran until ${since(ctx, loss.expiresAt)})`);
  }
  return { result, reports };
}

export function countText(r: CheckResult): string {
  return `${r.granted} granted, ${r.lost} lost, ${r.duplicates} duplicate addresses, ${r.conflicts} conflicts (${r.reported} reported)`;
}

/** Runs one cycle; returns who holds the VIP after it. */
export async function runCycle(ctx: NemesisContext, cycle: Cycle, master: RouterId): Promise<RouterId> {
  const { n } = ctx;
  n.step(`cycle ${cycle.index}/${ctx.cycles}: ${describeFault(cycle.fault)}`);
  const t0 = Date.now();
  const plan = planFault(cycle.fault, { state: ctx.state, supervisor: ctx.supervisor, master, sync: ctx.sync, promoter: ctx.promoter, spare: ctx.spare, say: (text) => n.say(text) });
  await plan.inject();
  const timeline = [
    ...plan.steps,
    ...cycle.load.map((a) => ({
      atMs: a.atMs,
      run: async () => {
        await ctx.clients.act(a);
        n.say(`load: ${a.client} ${LOAD_TEXT[a.kind]}`);
      },
    })),
  ].sort((a, b) => a.atMs - b.atMs);
  for (const step of timeline) {
    await sleepUntil(t0 + step.atMs);
    await step.run();
  }
  await sleepUntil(t0 + cycle.windowMs);
  n.say(`${plan.heal === undefined ? 'at the end of the window' : 'before the heal'}: ${await routersNow()}`);
  if (plan.heal !== undefined) await plan.heal();

  const conv = await awaitConverged(ctx.supervisor, CONVERGE_MS);
  const now = conv.ok ? conv.master : master;
  let missing: string[] = [];
  let holdings = 0;
  const coverageStart = Date.now();
  for (;;) {
    const { result, reports } = await countSoFar(ctx);
    holdings = result.holdings.length;
    missing = notInFile(result.holdings, await v4Leases(now), reports.conflicts).map((h) => `${h.client} ${h.address}`);
    if (missing.length === 0 || Date.now() - coverageStart >= COVERAGE_MS) break;
    await sleep(500);
  }
  const { result } = await countSoFar(ctx);
  const grants = (await ctx.clients.records()).flatMap((c) => c.events.flatMap((e) => (e.type === 'bound' && e.at >= t0 ? [`${c.id} ${e.address} (${routerOf(e.serverId)})`] : [])));
  n.say(`leases bound this cycle: ${grants.length === 0 ? 'none' : grants.join(', ')}`);
  const took = ((Date.now() - t0) / 1000).toFixed(1);
  const state = conv.ok ? `VIP and DHCP on ${conv.master} only after ${(conv.ms / 1000).toFixed(1)} s` : `NOT converged after ${(conv.ms / 1000).toFixed(0)} s: ${conv.detail}`;
  const p4 = missing.length === 0 ? `all ${holdings} unexpired leases in ${now}'s file` : `${missing.length} of ${holdings} unexpired leases not in ${now}'s file: ${missing.join(', ')}`;
  n.say(`check ${cycle.index}: ${state}; ${p4}; so far ${countText(result)}; cycle took ${took} s`);
  return now;
}
