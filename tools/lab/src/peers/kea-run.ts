// Kea's side: the same routers and clients with Kea HA (hot-standby) serving: the offline-client proof,
// repeated failovers of the primary timed by the same DISCOVER prober, the same load.
import { notYet, waitFor } from '@routerd/testkit';
import { dhcp4, ignorePing } from '../clients.js';
import { cutLink, restoreLink } from '../failover.js';
import type { Narrator } from '../narrator.js';
import { setLanPort } from '../netns.js';
import { readLabState, type LabState } from '../state-file.js';
import { ROUTERS, STATE_FILE } from '../topology.js';
import { haState, keaCommand, keaLease } from './kea-control.js';
import { LabError } from '../errors.js';
import { keaUp, startKea, stopKea, waitHaStates } from './kea-lab.js';
import type { PeerPlan } from './plan.js';
import { startProber, type Prober } from './prober.js';
import type { FailoverKind, FailoverSample, PeerRow, ProofOutcome } from './report.js';
import { loadRow, runRow } from './row-run.js';

const PRIMARY = 'r1';
const STANDBY = 'r2';
const BOTH_HOT_STANDBY = { r1: 'hot-standby', r2: 'hot-standby' };

async function fresh(state: LabState): Promise<LabState> {
  return (await readLabState(STATE_FILE)) ?? state;
}

/** The standby in partner-down (it has declared the primary gone and serves every client), or another serving state. */
function partnerDown(timeoutMs: number, states: readonly string[] = ['partner-down']): Promise<number> {
  return waitFor(`${STANDBY} in ${states.join(' or ')}`, async () => {
    const s = await haState(STANDBY);
    return s !== undefined && states.includes(s) ? Date.now() : notYet(s ?? 'no answer');
  }, { timeoutMs, intervalMs: 20 });
}

/** Scenario 3 on Kea HA: c3 (ignores ping) leased on the primary, offline; the primary stops; c4 asks for c3's address; c3 returns. */
export async function keaProof(state: LabState, n: Narrator, failures: string[]): Promise<ProofOutcome> {
  n.step('Kea proof: offline client, failover, new client, client returns');
  await ignorePing('c3');
  const first = await dhcp4('c3');
  const a = first.address;
  if (!first.ok || a === undefined) throw new Error(`Kea proof: c3 expected a lease, udhcpc reported ${JSON.stringify(first.events)}`);
  n.say(`c3 (ignores ping) got ${a} from ${first.serverId ?? '?'}`);
  const onStandby = await keaLease(STANDBY, a);
  if (onStandby === undefined) failures.push(`Kea proof: expected c3's ${a} in the standby's leases (HA lease update), found none`);
  await setLanPort('c3', 'down');
  n.say('c3 goes offline (its link is down); the primary stops');
  await stopKea(state, PRIMARY);
  await partnerDown(30_000);
  const newcomer = await dhcp4('c4', { request: a });
  n.say(`c4 joins and asks for ${a}: it is given ${newcomer.address ?? 'nothing'} by ${newcomer.serverId ?? '?'}`);
  await setLanPort('c3', 'up');
  const back = await dhcp4('c3', { request: a });
  n.say(`c3 returns and asks for ${a} again: it is given ${back.address ?? 'nothing'} by ${back.serverId ?? '?'}`);
  const conflict = newcomer.address === a;
  const kept = !conflict && newcomer.ok && back.ok && back.address === a && back.serverId === ROUTERS[STANDBY].v4;
  if (!kept) failures.push(`Kea proof: expected c4 to get another address than ${a} and c3 to keep ${a} from ${ROUTERS[STANDBY].v4}; c4 got ${newcomer.address ?? 'nothing'}, c3 got ${back.address ?? 'nothing'} from ${back.serverId ?? '?'}`);
  await startKea(state, PRIMARY);
  await waitHaStates(BOTH_HOT_STANDBY, 'the primary back after the proof', 90_000);
  return { kept, conflict, text: conflict ? "conflict: the new client was handed the offline client's address" : kept ? 'kept its address, no conflict' : 'failed' };
}

async function failover(state: LabState, kind: FailoverKind, prober: Prober): Promise<FailoverSample> {
  // maintenance: the standby takes over on the command (partner-in-maintenance), before the primary stops.
  const decided = partnerDown(30_000, kind === 'maintenance' ? ['partner-in-maintenance', 'partner-down'] : ['partner-down']);
  const t0 = Date.now();
  if (kind === 'maintenance') {
    const answer = await keaCommand(STANDBY, 'ha-maintenance-start', undefined, 5_000);
    if (answer.result !== 0) throw new LabError(`Kea ha-maintenance-start on ${STANDBY}: expected result 0, found ${answer.result} (${answer.text ?? ''})`);
  }
  if (kind === 'cut') await cutLink(PRIMARY);
  else await stopKea(state, PRIMARY);
  const decidedAt = await decided;
  const answered = await prober.firstOfferFrom(ROUTERS[STANDBY].v4, t0);
  if (kind !== 'cut') await startKea(await fresh(state), PRIMARY);
  if (kind === 'maintenance') {
    // The primary comes back in-maintenance while its partner is partner-in-maintenance: the end of the maintenance is a command too.
    await waitFor(`${PRIMARY} in-maintenance after its restart`, async () => {
      const now = await haState(PRIMARY);
      return now === 'in-maintenance' ? true : notYet(now ?? 'no answer');
    }, { timeoutMs: 30_000, intervalMs: 100 });
    const answer = await keaCommand(STANDBY, 'ha-maintenance-cancel', undefined, 5_000);
    if (answer.result !== 0) throw new LabError(`Kea ha-maintenance-cancel on ${STANDBY}: expected result 0, found ${answer.result} (${answer.text ?? ''})`);
  }
  else await restoreLink(PRIMARY);
  // Back to normal: the primary has pulled the leases it missed (syncing) and serves again.
  await waitHaStates(BOTH_HOT_STANDBY, `after the ${kind} failover`, 90_000);
  return { kind, decidedMs: decidedAt - t0, answeredMs: answered - t0 };
}

export function runKea(plan: PeerPlan, n: Narrator): Promise<PeerRow> {
  return runRow('kea', n, async (row) => {
    let state = await keaUp(n);
    row.proof = await keaProof(state, n, row.failures);
    state = await fresh(state);
    const prober = await startProber(state, 'c5');
    const bound = await prober.bound();
    n.say(`prober c5 bound to ${bound.address} from ${bound.server}; a DISCOVER every 20 ms from now on`);
    for (let i = 0; i < plan.cycles; i++) {
      for (const kind of ['graceful', 'cut', 'maintenance'] as const) {
        const sample = await failover(await fresh(state), kind, prober);
        row.failovers.push(sample);
        n.say(`cycle ${i + 1} ${kind}: standby ${kind === 'maintenance' ? 'serving (partner-in-maintenance)' : 'partner-down'} ${sample.decidedMs} ms after the fault, its first OFFER ${sample.answeredMs} ms after it`);
      }
    }
    await loadRow(row, plan, n);
  });
}

/** The control for the HA's cost: one kea-dhcp4 without the HA hook, the same load. */
export function runKeaSolo(plan: PeerPlan, n: Narrator): Promise<PeerRow> {
  return runRow('kea-solo', n, async (row) => {
    await keaUp(n, undefined, { ha: false });
    await loadRow(row, plan, n);
  });
}
