// 1. A client gets a lease from the master; the standby's file is identical within a bound.
import { dhcp4 } from '../clients.js';
import { currentMaster, peerOf, waitSynced } from '../failover.js';
import type { Narrator } from '../narrator.js';
import type { LabState } from '../state-file.js';
import { ROUTERS } from '../topology.js';
import { ms, ResultBuilder, type ScenarioResult } from './result.js';

export const SYNC_BOUND_MS = 5_000;

export async function scenario1(state: LabState, n: Narrator): Promise<ScenarioResult> {
  const r = new ResultBuilder('1', 'a lease on the master reaches the standby');
  n.step('scenario 1: a client gets a lease from the master; the standby gets the same file');
  r.expect(state.sync, 'scenario 1 needs the lab up with the sync (not --no-sync)');
  const master = await currentMaster();
  const standby = peerOf(master);
  const lease = await dhcp4('c1');
  r.timings['dhcpExchangeMs'] = lease.durationMs;
  r.facts['address'] = lease.address;
  r.facts['serverId'] = lease.serverId;
  if (!r.expect(lease.ok && lease.address !== undefined, `c1 expected a lease, udhcpc reported ${JSON.stringify(lease.events)}`)) return r.done();
  n.say(`c1 (02:00:00:00:30:11) got ${lease.address} from ${lease.serverId} (${master}) in ${ms(lease.durationMs)}`);
  r.expect(lease.serverId === ROUTERS[master].v4, `c1 expected its lease from the master ${ROUTERS[master].v4}, found ${lease.serverId}`);
  const syncMs = await waitSynced(master, standby, `c1's lease ${lease.address}`, (text) => text.includes(` 02:00:00:00:30:11 ${lease.address} `), SYNC_BOUND_MS + 5_000);
  r.timings['leaseToStandbyMs'] = syncMs;
  r.expect(syncMs <= SYNC_BOUND_MS, `the standby's file expected identical within ${SYNC_BOUND_MS} ms of the lease, took ${syncMs} ms`);
  n.say(`${standby}'s lease file is byte-identical to ${master}'s ${ms(syncMs)} after c1 was bound (bound ${ms(SYNC_BOUND_MS)})`);
  return r.done();
}
