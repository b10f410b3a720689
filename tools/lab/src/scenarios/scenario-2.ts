// 2. Failover by a graceful keepalived stop and by cutting the master's link: the standby takes the VIP,
// its dnsmasq starts from the synced file, the old master stops serving.
import { dhcp4 } from '../clients.js';
import { awaitPromotion, currentMaster, cutLink, peerOf, restartKeepalived, restoreLink, stopKeepalived, waitSynced, waitVipOn } from '../failover.js';
import { dnsmasqPid } from '../lab-view.js';
import type { Narrator } from '../narrator.js';
import type { LabState } from '../state-file.js';
import { ROUTERS, type RouterId } from '../topology.js';
import { ms, ResultBuilder, type ScenarioResult } from './result.js';
import { sleep } from '@routerd/testkit';

async function checkServedBy(r: ResultBuilder, n: Narrator, label: string, newMaster: RouterId, address: string): Promise<void> {
  // dnsmasq's own view: c2 (online, answering ping) asks for its address again. Only a dnsmasq that
  // loaded c2's lease from the synced file hands it back; one that did not finds it in use (ping) and offers another.
  const again = await dhcp4('c2', { request: address });
  r.facts[`${label}.reRequest`] = again;
  r.expect(again.ok && again.address === address, `${label}: c2 expected to keep ${address} from the new master, got ${again.address ?? 'no lease'} (${JSON.stringify(again.events)})`);
  r.expect(again.serverId === ROUTERS[newMaster].v4, `${label}: expected the answer from the new master ${ROUTERS[newMaster].v4}, found ${again.serverId}`);
  n.say(`c2 asks again: ${again.address} from ${again.serverId} — the new master's dnsmasq knows c2's lease`);
}

export async function scenario2(state: LabState, n: Narrator): Promise<ScenarioResult> {
  const r = new ResultBuilder('2', 'failover: graceful stop and cut link');
  n.step('scenario 2: failover by a graceful keepalived stop, then by cutting the master\'s link');
  const first = await currentMaster();
  const second = peerOf(first);
  const lease = await dhcp4('c2');
  if (!r.expect(lease.ok && lease.address !== undefined, `c2 expected a lease, udhcpc reported ${JSON.stringify(lease.events)}`)) return r.done();
  const address = lease.address ?? '';
  n.say(`c2 got ${address} from ${lease.serverId} (${first})`);
  if (state.sync) r.timings['leaseToStandbyMs'] = await waitSynced(first, second, `c2's lease`, (t) => t.includes(` ${address} `));

  n.say(`graceful: SIGTERM to keepalived on ${first}`);
  await stopKeepalived(state, first);
  r.timings['graceful.vipMoveMs'] = await waitVipOn(second, `graceful stop of keepalived on ${first}`);
  n.say(`the VIP is on ${second} ${ms(r.timings['graceful.vipMoveMs'])} after the stop`);
  const p1 = await awaitPromotion(state, second, first);
  r.timings['graceful.dnsmasqStartedMs'] = p1.dnsmasqStartedMs;
  r.timings['graceful.oldDnsmasqStoppedMs'] = p1.oldStoppedMs;
  n.say(`${second}'s dnsmasq runs ${ms(p1.dnsmasqStartedMs)} after the VIP moved; ${first}'s is gone (${ms(p1.oldStoppedMs)})`);
  r.expect(p1.leaseTextAtStart.includes(` ${address} `), `graceful: ${second}'s lease file at dnsmasq start expected c2's ${address}, found ${JSON.stringify(p1.leaseTextAtStart)}`);
  await checkServedBy(r, n, 'graceful', second, address);
  r.expect((await dnsmasqPid(first)) === undefined, `graceful: the old master ${first} expected to serve no DHCP, its dnsmasq runs`);

  n.say(`${first} comes back: keepalived restarted, it stays backup (nopreempt)`);
  await restartKeepalived(state, first);
  await sleep(4_500);
  r.expect((await currentMaster()) === second, `expected the VIP to stay on ${second} after ${first} came back`);
  // The old master already holds c2's lease (it was synced before the failover): this checks it is still there, it does not time a push.
  if (state.sync) r.timings['c2LeaseOnOldMasterMs'] = await waitSynced(second, first, `c2's lease`, (t) => t.includes(` ${address} `));

  n.say(`cut link: ${second}'s LAN port goes down`);
  await cutLink(second);
  r.timings['cut.vipMoveMs'] = await waitVipOn(first, `${second}'s link cut`);
  n.say(`the VIP is on ${first} ${ms(r.timings['cut.vipMoveMs'])} after the cut`);
  const p2 = await awaitPromotion(state, first, second);
  r.timings['cut.dnsmasqStartedMs'] = p2.dnsmasqStartedMs;
  r.timings['cut.oldDnsmasqStoppedMs'] = p2.oldStoppedMs;
  n.say(`${first}'s dnsmasq runs ${ms(p2.dnsmasqStartedMs)} after the VIP moved; ${second}'s is gone (${ms(p2.oldStoppedMs)})`);
  r.expect(p2.leaseTextAtStart.includes(` ${address} `), `cut: ${first}'s lease file at dnsmasq start expected c2's ${address}, found ${JSON.stringify(p2.leaseTextAtStart)}`);
  await checkServedBy(r, n, 'cut', first, address);
  await restoreLink(second);
  await sleep(4_500);
  r.expect((await currentMaster()) === first, `expected the VIP on ${first} only after ${second}'s link came back`);
  r.expect((await dnsmasqPid(second)) === undefined, `cut: ${second} expected to serve no DHCP after its link came back as backup`);
  return r.done();
}
