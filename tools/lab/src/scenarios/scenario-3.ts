// 3. The proof: a client that ignores ping goes offline before failover; a new client joins and must get a
// different address; the offline client returns and keeps its address. Without the sync (negative
// control, `up --no-sync`) the conflict must appear instead, so this test can fail.
import { dhcp4, ignorePing } from '../clients.js';
import { sleep } from '@routerd/testkit';
import { awaitPromotion, currentMaster, peerOf, stopKeepalived, waitSynced, waitVipOn } from '../failover.js';
import type { Narrator } from '../narrator.js';
import { setLanPort } from '../netns.js';
import type { LabState } from '../state-file.js';
import { ms, ResultBuilder, type ScenarioResult } from './result.js';

export async function scenario3(state: LabState, n: Narrator): Promise<ScenarioResult> {
  const control = !state.sync;
  const r = new ResultBuilder('3', control ? 'negative control: no sync, the conflict appears' : 'proof: the offline client keeps its address');
  r.facts['sync'] = state.sync;
  n.step(`scenario 3${control ? ' (negative control: lab WITHOUT the sync)' : ''}: offline client, failover, new client, client returns`);
  const master = await currentMaster();
  const standby = peerOf(master);
  await ignorePing('c3');
  const first = await dhcp4('c3');
  if (!r.expect(first.ok && first.address !== undefined, `c3 expected a lease, udhcpc reported ${JSON.stringify(first.events)}`)) return r.done();
  const a = first.address ?? '';
  r.facts['offlineClientAddress'] = a;
  n.say(`c3 (ignores ping) got ${a} from ${master}`);
  if (state.sync) r.timings['leaseToStandbyMs'] = await waitSynced(master, standby, `c3's lease`, (t) => t.includes(` ${a} `));
  else await sleep(2_000);
  await setLanPort('c3', 'down');
  n.say('c3 goes offline (its link is down)');
  await stopKeepalived(state, master);
  r.timings['vipMoveMs'] = await waitVipOn(standby, `graceful stop of keepalived on ${master}`);
  const p = await awaitPromotion(state, standby, master);
  r.timings['dnsmasqStartedMs'] = p.dnsmasqStartedMs;
  n.say(`failover: VIP on ${standby} in ${ms(r.timings['vipMoveMs'])}, its dnsmasq runs ${ms(p.dnsmasqStartedMs)} later`);

  const newcomer = await dhcp4('c4', { request: a });
  r.facts['newClient'] = newcomer;
  n.say(`c4 joins and asks for ${a}: it is given ${newcomer.address ?? 'nothing'}`);
  await setLanPort('c3', 'up');
  const back = await dhcp4('c3', { request: a });
  r.facts['returningClient'] = back;
  n.say(`c3 returns and asks for ${a} again: it is given ${back.address ?? 'nothing'}${back.events.some((e) => e.startsWith('nak')) ? ' after a NAK' : ''}`);
  const conflict = newcomer.address === a;
  r.facts['conflict'] = conflict;
  if (control) {
    r.expect(conflict, `negative control: expected the new client c4 to be handed the offline client's ${a} (no sync, no knowledge of it), it got ${newcomer.address ?? 'nothing'}`);
    r.expect(back.address !== a, `negative control: expected the returning c3 to lose ${a}, it kept it`);
    n.say(conflict ? `CONFLICT as expected without the sync: c4 was handed c3's ${a}; c3 came back with ${back.address ?? 'nothing'}` : 'no conflict appeared: the control FAILED');
  } else {
    r.expect(newcomer.ok && newcomer.address !== undefined && newcomer.address !== a, `expected the new client c4 to get an address other than the offline client's ${a}, it got ${newcomer.address ?? 'nothing'}`);
    r.expect(back.ok && back.address === a, `expected the returning c3 to keep ${a}, it got ${back.address ?? 'nothing'} (${JSON.stringify(back.events)})`);
    n.say(!conflict && back.address === a ? `no conflict: c4 got ${newcomer.address ?? '?'}, c3 kept ${a}` : 'the proof FAILED');
  }
  return r.done();
}
