// 4. The backup never pushes: nothing arrives from it while it is backup. After failover the new master
// pushes to the old one once it is back.
import { dhcp4 } from '../clients.js';
import { awaitPromotion, currentMaster, peerOf, restartKeepalived, stopKeepalived, waitSynced, waitVipOn } from '../failover.js';
import { acceptedLogins, leaseFile, leaseFilePath } from '../lab-view.js';
import { syncView } from '../sync-view.js';
import type { Narrator } from '../narrator.js';
import { writeFile } from 'node:fs/promises';
import { notYet, sleep, waitFor } from '@routerd/testkit';
import type { LabState } from '../state-file.js';
import { ROUTERS } from '../topology.js';
import { ms, ResultBuilder, type ScenarioResult } from './result.js';

export const BACKUP_WATCH_MS = 8_000;
// Inside the pool with a real expiry: dnsmasq drops leases outside its ranges when it loads the file.
const probeLine = () => `${Math.floor(Date.now() / 1000) + 43_200} 02:00:00:00:30:99 192.0.2.199 probe-from-backup *`;

export async function scenario4(state: LabState, n: Narrator): Promise<ScenarioResult> {
  const r = new ResultBuilder('4', 'the backup never pushes; the new master pushes back');
  n.step('scenario 4: the backup never pushes; after failover the new master pushes to the old one');
  r.expect(state.sync, 'scenario 4 needs the lab up with the sync (not --no-sync)');
  const master = await currentMaster();
  const backup = peerOf(master);
  const lease = await dhcp4('c5');
  if (!r.expect(lease.ok, `c5 expected a lease, udhcpc reported ${JSON.stringify(lease.events)}`)) return r.done();
  await waitSynced(master, backup, "c5's lease", (t) => t.includes(` ${lease.address ?? '?'} `));
  const before = await leaseFile(master);
  const loginsBefore = (await acceptedLogins(master, ROUTERS[backup].v4)).length;
  // Change the backup's lease file in place, as dnsmasq would: its lease-watcher reports it, its syncer must not push.
  await writeFile(leaseFilePath(backup), withV4Lease((await leaseFile(backup)).text, probeLine()));
  n.say(`changed ${backup}'s lease file while it is backup; watching ${master} for ${ms(BACKUP_WATCH_MS)}`);
  await sleep(BACKUP_WATCH_MS);
  const after = await leaseFile(master);
  const loginsDuring = (await acceptedLogins(master, ROUTERS[backup].v4)).length - loginsBefore;
  r.facts['backupLogins'] = loginsDuring;
  r.expect(loginsDuring === 0, `expected no ssh login from the backup ${ROUTERS[backup].v4} on ${master}, found ${loginsDuring}`);
  r.expect(after.inode === before.inode, `expected ${master}'s lease file untouched (inode ${before.inode}), found inode ${after.inode} (rsync renames a new file into place)`);
  r.expect(!after.text.includes('probe-from-backup'), `expected the backup's change never to reach ${master}, found it there`);
  n.say(`nothing arrived from ${backup}: no ssh login from ${ROUTERS[backup].v4}, ${master}'s lease file is the same inode`);

  await stopKeepalived(state, master);
  r.timings['vipMoveMs'] = await waitVipOn(backup, `graceful stop of keepalived on ${master}`);
  const moved = Date.now();
  await awaitPromotion(state, backup, master);
  await restartKeepalived(state, master);
  n.say(`failover: ${backup} is master; ${master} is back as backup`);
  // The old master's file belongs to root (its dnsmasq created it). A push whose content already
  // matches must still succeed: rsync changes content only, never attributes in place (exit 23 before).
  const synced = await waitFor(`${backup}'s lan-v4-leases Synced to ${master} after the failover`, async () => {
    const view = await syncView(state, backup, 'DHCPv4ServerLeaseSync/lan-v4-leases');
    const target = view?.targets[0];
    const fresh = target?.lastSuccessAt !== undefined && Date.parse(target.lastSuccessAt) > moved;
    return view?.phase === 'Synced' && fresh ? view : notYet(JSON.stringify(view ?? 'no answer'));
  }, { timeoutMs: 30_000, intervalMs: 500 });
  r.facts['pushAfterFailover'] = synced.phase;
  n.say(`${backup}'s syncer reports lan-v4-leases Synced to ${master} (routerctl describe inside ${backup})`);
  const fresh = await dhcp4('c1');
  r.expect(fresh.ok && fresh.serverId === ROUTERS[backup].v4, `c1 expected a lease from the new master ${ROUTERS[backup].v4}, got ${JSON.stringify(fresh.events)}`);
  const leased = Date.now();
  n.say(`c1 joins on the new master (${fresh.address ?? 'no lease'}): the lease file changes`);
  await waitFor(`a push from the new master ${backup} to ${master}`, async () => {
    const logins = (await acceptedLogins(master, ROUTERS[backup].v4)).length - loginsBefore;
    const file = await leaseFile(master);
    return logins > 0 && file.inode !== before.inode && file.text.includes(` ${fresh.address ?? '?'} `)
      ? true
      : notYet(`${logins} logins, inode ${file.inode}`);
  }, { timeoutMs: 60_000, intervalMs: 50 });
  await waitSynced(backup, master, "c1's lease", (t) => t.includes(` ${fresh.address ?? '?'} `), 30_000);
  r.timings['pushBackMs'] = Date.now() - leased;
  r.timings['vipToPushBackMs'] = Date.now() - moved;
  n.say(`${backup} pushed its lease file to ${master} ${ms(r.timings['pushBackMs'])} after c1's lease (${ms(r.timings['vipToPushBackMs'])} after taking the VIP)`);
  return r.done();
}

/** Adds a DHCPv4 lease where dnsmasq keeps them: before the `duid` line, after which it reads v6 leases. */
export function withV4Lease(text: string, line: string): string {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const duid = lines.findIndex((l) => l.startsWith('duid '));
  lines.splice(duid === -1 ? lines.length : duid, 0, line);
  return `${lines.join('\n')}\n`;
}
