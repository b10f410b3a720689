// Our side: the lab as `up` builds it (dnsmasq + keepalived + routerd, with or without the sync): the
// proof (scenario 3, or its negative control), repeated failovers timed by the DISCOVER prober, the load.
import { notYet, sleep, waitFor } from '@routerd/testkit';
import { currentMaster, cutLink, peerOf, restartKeepalived, restoreLink, stopKeepalived, waitSynced, waitVipOn } from '../failover.js';
import { up } from '../lab.js';
import { dnsmasqPid } from '../lab-view.js';
import type { Narrator } from '../narrator.js';
import { scenario3 } from '../scenarios/scenario-3.js';
import { readLabState, type LabState } from '../state-file.js';
import { ROUTERS, STATE_FILE } from '../topology.js';
import { LabError } from '../errors.js';
import type { PeerRunId } from './args.js';
import { startProber, type Prober } from './prober.js';
import type { FailoverKind, FailoverSample, PeerRow } from './report.js';
import { loadRow, runRow } from './row-run.js';
import type { PeerPlan } from './plan.js';

/**
 * dnsmasq without its ping check: Kea 2.2 has none, and with it dnsmasq handles one new client per
 * about 3 s (its ping wait, in series), so the load would measure the ping (the nemesis runs so too).
 */
export const OURS_PROFILE = { dnsmasqArgs: ['--no-ping'] };

/** keepalived's nopreempt backup settles in about 4 adverts after it is back (the lab's scenarios wait as long). */
const SETTLE_MS = 4_500;

async function failover(state: LabState, kind: FailoverKind, prober: Prober): Promise<FailoverSample> {
  const master = await currentMaster();
  const standby = peerOf(master);
  const vip = waitVipOn(standby, `${kind} failover from ${master}`, 20_000).then(() => Date.now());
  const t0 = Date.now();
  if (kind === 'graceful') await stopKeepalived(state, master);
  else await cutLink(master);
  const decided = await vip;
  const answered = await prober.firstOfferFrom(ROUTERS[standby].v4, t0);
  if (kind === 'graceful') await restartKeepalived(state, master);
  else await restoreLink(master);
  await waitFor(`the old master ${master}'s dnsmasq stopped`, async () => ((await dnsmasqPid(master)) === undefined ? true : notYet('still running')), { timeoutMs: 20_000, intervalMs: 100 });
  await sleep(SETTLE_MS);
  const now = await currentMaster();
  if (now !== standby) throw new LabError(`peers: expected the VIP to stay on ${standby} after ${master} came back, found it on ${now}`);
  return { kind, decidedMs: decided - t0, answeredMs: answered - t0 };
}

export function runOurs(run: Extract<PeerRunId, 'ours' | 'ours-nosync'>, plan: PeerPlan, n: Narrator): Promise<PeerRow> {
  const sync = run === 'ours';
  return runRow(run, n, async (row) => {
    await up({ sync, narrator: n, profile: OURS_PROFILE });
    let state = await readLabState(STATE_FILE);
    if (state === undefined) throw new LabError('peers: the lab state vanished after up');
    const proof = await scenario3(state, n);
    const conflict = proof.facts['conflict'] === true;
    const kept = !conflict && proof.failures.length === 0 && sync;
    row.proof = { kept, conflict, text: conflict ? "conflict: the new client was handed the offline client's address" : kept ? 'kept its address, no conflict' : `failed: ${proof.failures.join('; ')}` };
    if (sync && proof.failures.length > 0) row.failures.push(...proof.failures);
    // Scenario 3 leaves the old master's keepalived stopped: back as a backup before the timed failovers.
    state = (await readLabState(STATE_FILE)) ?? state;
    const master = await currentMaster();
    await restartKeepalived(state, peerOf(master));
    await sleep(SETTLE_MS);
    const prober = await startProber(state, 'c5');
    const bound = await prober.bound();
    n.say(`prober c5 bound to ${bound.address} from ${bound.server}; a DISCOVER every 20 ms from now on`);
    if (sync) await waitSynced(master, peerOf(master), `the prober's lease`, (t) => t.includes(` ${bound.address} `));
    for (let i = 0; i < plan.cycles; i++) {
      for (const kind of ['graceful', 'cut'] as const) {
        state = (await readLabState(STATE_FILE)) ?? state;
        const sample = await failover(state, kind, prober);
        row.failovers.push(sample);
        n.say(`cycle ${i + 1} ${kind}: VIP moved ${sample.decidedMs} ms after the fault, first OFFER from the new master ${sample.answeredMs} ms after it`);
      }
    }
    await loadRow(row, plan, n);
  });
}
