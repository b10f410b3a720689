// What a promotion does about its role whenever it is free to act: fresh master → settle once per
// mastership (with lease files: fetch the peer's, lease-steps.ts), then start; backup/inactive → stop at
// once; unknown or stale → leave the server as it is (and stop a fetch in flight).
import { runAction } from './actions.js';
import type { Draft } from './draft.js';
import { abandonFetch, beginFetch } from './lease-steps.js';
import { effectiveRole } from './role.js';
import { ACTS_ON_ROLE, type KnownRole } from './state.js';

export function reconcile(d: Draft): void {
  if (d.state.halted) return;
  const current = effectiveRole(d.state, d.at.monotonic);
  // A fetch is for a fresh master: anything else stops it, and the role is acted on once it ended.
  if (d.state.activity.kind === 'fetching' && current.role !== 'master') abandonFetch(d);
  if (!ACTS_ON_ROLE[d.state.activity.kind]) return;
  if (current.role === 'unknown') {
    // A monitoring failure must not take DHCP down on the master, nor start a second server on the backup.
    d.stopSettling();
    d.cancelRetry();
    d.setReason(current.why, current.text);
    d.publish();
    return;
  }
  if (current.role === 'master') reconcileMaster(d);
  else reconcileStandby(d, current.role);
}

function reconcileMaster(d: Draft): void {
  const { mastership: m, status, plan } = d.state;
  if (m.adopt && m.epoch === 1 && m.served === undefined && status.phase === 'Serving') {
    m.served = m.epoch;
    m.settled = m.epoch;
    d.log('info', `promotion ${plan.name}: the DHCP server already runs on this master; keeping it`);
  }
  m.adopt = false;
  const activity = d.state.activity;
  if (m.served === m.epoch && status.phase === 'Serving') {
    d.cancelRetry();
    status.role = 'master';
    if (status.reason !== 'CheckFailed') d.calm();
  } else if (activity.kind === 'backingOff' && activity.action === 'start') {
    // Waiting for the backed-off retry.
  } else if (m.settled !== m.epoch && plan.leaseFiles.length > 0) {
    d.cancelRetry();
    beginFetch(d);
  } else if (m.settled !== m.epoch) {
    d.cancelRetry();
    if (d.state.activity.kind !== 'settling') {
      d.setReason('Settling', `waiting ${plan.settleMs} ms for the old master's last push before starting the DHCP server`);
      d.wait({ kind: 'settling', epoch: m.epoch }, plan.settleMs);
    }
  } else {
    d.cancelRetry();
    runAction(d, 'start', 'master');
    return;
  }
  d.publish();
}

function reconcileStandby(d: Draft, role: Exclude<KnownRole, 'master'>): void {
  const { mastership: m, status } = d.state;
  d.stopSettling();
  m.adopt = false;
  const activity = d.state.activity;
  if (status.phase === 'Stopped') {
    d.cancelRetry();
    status.role = role;
    if (status.reason !== 'CheckFailed') d.setReason(undefined);
  } else if (activity.kind !== 'backingOff' || activity.action !== 'stop') {
    d.cancelRetry();
    runAction(d, 'stop', role);
    return;
  }
  d.publish();
}
