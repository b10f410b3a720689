// Starting or stopping the DHCP server for a role: the phase says so, and the command runs (a start
// holding the lease files' locks, so that no receiver writes live while dnsmasq loads it).
import type { Draft } from './draft.js';
import type { Action, KnownRole } from './state.js';

export function runAction(d: Draft, action: Action, role: KnownRole): void {
  const { failures, plan, status, mastership } = d.state;
  if (failures.action !== action) failures.count = 0;
  failures.action = action;
  status.role = role;
  d.setPhase(action === 'start' ? 'Starting' : 'Stopping');
  d.setReason(undefined);
  d.publish();
  const startedAt = d.at.wall;
  if (action === 'start') d.run({ kind: 'starting', argv: plan.start, epoch: mastership.epoch, startedAt }, plan.leaseFiles.map((f) => f.live));
  else d.run({ kind: 'stopping', argv: plan.stop, startedAt });
}
