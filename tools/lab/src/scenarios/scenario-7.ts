// 7. Metrics: each router's exporter, scraped while the lab works. A lease on the master adds a lag
// sample for its push; with the standby's sshd unreachable (its port 22 dropped, VRRP untouched) the
// next push fails and the master's failure counter moves; once the port is open again a push succeeds.
import { mkdir, writeFile } from 'node:fs/promises';
import { notYet, waitFor } from '@routerd/testkit';
import { dhcp4 } from '../clients.js';
import { run } from '../exec.js';
import { currentMaster, peerOf } from '../failover.js';
import { samples, scrapeMetrics, total } from '../metrics-view.js';
import type { Narrator } from '../narrator.js';
import type { LabState } from '../state-file.js';
import { LAB_DIR, ROUTERS, type RouterId } from '../topology.js';
import { ms, ResultBuilder, type ScenarioResult } from './result.js';

const TABLE = 'rdlab_metrics';
const LAG = 'routerd_sync_target_lag_seconds_count';
const FAILURES = 'routerd_sync_target_push_failures_total';
const LAST_SUCCESS = 'routerd_sync_target_last_success_timestamp_seconds';

/** The standby drops every TCP segment to its port 22: the master's ssh (and its ControlMaster) hears nothing. */
async function blockSsh(id: RouterId): Promise<void> {
  const file = `${LAB_DIR}/metrics-block-${id}.nft`;
  await mkdir(LAB_DIR, { recursive: true });
  await writeFile(file, `table inet ${TABLE} {\n  chain input { type filter hook input priority 0; policy accept; tcp dport 22 drop; }\n}\n`);
  await run(['ip', 'netns', 'exec', ROUTERS[id].ns, 'nft', '-f', file]);
}

async function unblockSsh(id: RouterId): Promise<void> {
  await run(['ip', 'netns', 'exec', ROUTERS[id].ns, 'nft', 'delete', 'table', 'inet', TABLE], { check: false });
}

export async function scenario7(state: LabState, n: Narrator): Promise<ScenarioResult> {
  const r = new ResultBuilder('7', 'metrics: the lag histogram, and a failure counter that moves while the target is down');
  n.step("scenario 7: the exporters' metrics while a lease is pushed, while the standby's sshd is unreachable, and after");
  if (!r.expect(state.sync, 'scenario 7 needs the lab up with the sync (not --no-sync)')) return r.done();
  const master = await currentMaster();
  const standby = peerOf(master);
  const mine = { node: ROUTERS[master].node };
  const scrape = () => scrapeMetrics(master);

  const before = await scrape();
  const standbyText = await scrapeMetrics(standby);
  r.expect(total(before, 'routerd_vip_role', { ...mine, role: 'master' }) === 1, `${master}'s exporter expected routerd_vip_role{role="master"} 1, found ${JSON.stringify(samples(before, 'routerd_vip_role', mine))}`);
  r.expect(total(standbyText, 'routerd_vip_role', { node: ROUTERS[standby].node, role: 'backup' }) === 1, `${standby}'s exporter expected routerd_vip_role{role="backup"} 1, found ${JSON.stringify(samples(standbyText, 'routerd_vip_role'))}`);
  r.expect(total(before, 'routerd_promotion_phase', { ...mine, phase: 'Serving' }) === 1, `${master}'s exporter expected routerd_promotion_phase{phase="Serving"} 1, found ${JSON.stringify(samples(before, 'routerd_promotion_phase', mine))}`);
  r.expect(before.includes('# TYPE routerd_sync_target_lag_seconds histogram'), `${master}'s exporter expected the lag histogram routerd_sync_target_lag_seconds`);
  n.say(`${master}'s exporter: role master, promotion Serving; ${standby}'s: role backup`);

  // A lease: its push is one lag sample.
  const lagBefore = total(before, LAG, mine);
  const lease = await dhcp4('c1');
  if (!r.expect(lease.ok, `c1 expected a lease, udhcpc reported ${JSON.stringify(lease.events)}`)) return r.done();
  const pushed = Date.now();
  const afterLease = await waitFor('a new lag sample on the master', async () => {
    const text = await scrape();
    return total(text, LAG, mine) > lagBefore ? text : notYet(`${LAG} ${total(text, LAG, mine)}`);
  }, { timeoutMs: 20_000, intervalMs: 200 });
  r.timings['leaseToLagSampleMs'] = Date.now() - pushed;
  r.facts['lagBuckets'] = samples(afterLease, 'routerd_sync_target_lag_seconds_bucket', mine).map((s) => `${s.labels['sync']} le=${s.labels['le']} ${s.value}`);
  const failuresBefore = total(afterLease, FAILURES, mine);
  n.say(`c1 got ${lease.address}; its push added a lag sample (${LAG} ${lagBefore} → ${total(afterLease, LAG, mine)}); failures so far ${failuresBefore}`);

  // The target goes down for ssh; another lease makes a push that cannot arrive.
  n.say(`${standby} drops TCP port 22 (its sshd is unreachable; VRRP still flows)`);
  await blockSsh(standby);
  let down: string;
  try {
    const second = await dhcp4('c3');
    r.expect(second.ok, `c3 expected a lease, udhcpc reported ${JSON.stringify(second.events)}`);
    const blocked = Date.now();
    down = await waitFor('the failure counter of the master to move', async () => {
      const text = await scrape();
      return total(text, FAILURES, mine) > failuresBefore ? text : notYet(`${FAILURES} ${total(text, FAILURES, mine)}`);
    }, { timeoutMs: 90_000, intervalMs: 500 });
    r.timings['blockToFailureMs'] = Date.now() - blocked;
  } finally {
    await unblockSsh(standby);
  }
  const moved = samples(down, FAILURES, mine).filter((s) => s.value > 0);
  r.facts['failures'] = moved.map((s) => `${s.labels['sync']} ${s.labels['reason']} ${s.value}`);
  r.expect(total(down, 'routerd_sync_target_phase', { ...mine, phase: 'Error' }) > 0, `expected a target of ${master} in phase Error while the standby is unreachable, found ${JSON.stringify(samples(down, 'routerd_sync_target_phase', { ...mine, phase: 'Error' }))}`);
  n.say(`the failure counter moved ${ms(r.timings['blockToFailureMs'] ?? 0)} after the block: ${moved.map((s) => `${s.labels['sync']}/${s.labels['reason']}=${s.value}`).join(', ')}`);

  // Open again: the retry succeeds, the last success time advances.
  const lastBefore = Math.max(...samples(down, LAST_SUCCESS, mine).map((s) => s.value), 0);
  const opened = Date.now();
  const up = await waitFor('a successful push after the standby is reachable again', async () => {
    const text = await scrape();
    const last = Math.max(...samples(text, LAST_SUCCESS, mine).map((s) => s.value), 0);
    return last > lastBefore && total(text, 'routerd_sync_target_phase', { ...mine, phase: 'Error' }) === 0 ? text : notYet(`last success ${last}, Error targets ${total(text, 'routerd_sync_target_phase', { ...mine, phase: 'Error' })}`);
  }, { timeoutMs: 90_000, intervalMs: 500 });
  r.timings['unblockToSuccessMs'] = Date.now() - opened;
  r.expect(total(up, FAILURES, mine) >= total(down, FAILURES, mine), 'expected the failure counter never to go back');
  n.say(`reachable again: pushes succeed ${ms(r.timings['unblockToSuccessMs'])} after; ${LAG} ${total(up, LAG, mine)}`);
  return r.done();
}
