// 5. DHCPv6 stateful: a v6 lease is synced and kept across failover.
import { dhcp6 } from '../clients.js';
import { awaitPromotion, currentMaster, peerOf, stopKeepalived, waitSynced, waitVipOn } from '../failover.js';
import type { Narrator } from '../narrator.js';
import type { LabState } from '../state-file.js';
import { ms, ResultBuilder, type ScenarioResult } from './result.js';

export async function scenario5(state: LabState, n: Narrator): Promise<ScenarioResult> {
  const r = new ResultBuilder('5', 'DHCPv6: a stateful lease is synced and kept across failover');
  n.step('scenario 5: a DHCPv6 lease is synced and kept across failover');
  r.expect(state.sync, 'scenario 5 needs the lab up with the sync (not --no-sync)');
  const master = await currentMaster();
  const standby = peerOf(master);
  const first = await dhcp6('c2');
  r.facts['first'] = first;
  if (!r.expect(first.ok && first.address !== undefined, 'c2 expected a DHCPv6 lease from the master, dhclient got none (see /run/rdlab/c2/dhclient6.log)')) return r.done();
  const x = first.address ?? '';
  n.say(`c2 got ${x} (server DUID ${first.serverDuid ?? '?'}) in ${ms(first.durationMs)}`);
  r.timings['leaseToStandbyMs'] = await waitSynced(master, standby, `c2's v6 lease ${x}`, (t) => t.includes(` ${x} `));
  n.say(`${standby} holds the same file ${ms(r.timings['leaseToStandbyMs'])} later`);
  await stopKeepalived(state, master);
  r.timings['vipMoveMs'] = await waitVipOn(standby, `graceful stop of keepalived on ${master}`);
  const p = await awaitPromotion(state, standby, master);
  r.timings['dnsmasqStartedMs'] = p.dnsmasqStartedMs;
  const again = await dhcp6('c2');
  r.facts['again'] = again;
  r.expect(again.ok && again.address === x, `expected c2 to keep ${x} from the new master, it got ${again.address ?? 'nothing'}`);
  // The server DUID lives in the lease file: the new master answering with the old one shows it loaded the synced file.
  r.expect(again.serverDuid !== undefined && again.serverDuid === first.serverDuid, `expected the new master to answer with the synced server DUID ${first.serverDuid ?? '?'}, found ${again.serverDuid ?? 'none'}`);
  n.say(`after failover c2 got ${again.address ?? 'nothing'} from server DUID ${again.serverDuid ?? '?'} (${standby})`);
  return r.done();
}
