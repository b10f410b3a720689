// The role a promotion acts on: the newest one received while it is fresh (invariant 1, in
// @routerd/bus), on the monotonic clock, so a wall-clock step neither revives nor kills a vip-watcher.
import { isFresh, MISSED_HEARTBEATS, staleAt, type PromotionReason } from '@routerd/bus';
import type { Draft } from './draft.js';
import type { KnownRole, MachineState, RoleObservation } from './state.js';

export type EffectiveRole = { role: KnownRole } | { role: 'unknown'; why: PromotionReason; text: string };

export function effectiveRole(state: MachineState, now: number): EffectiveRole {
  const vip = `VirtualAddress/${state.plan.virtualAddress}`;
  const untouched = 'the DHCP server is left as it is';
  const observed = state.role.observed;
  if (observed === undefined) return { role: 'unknown', why: 'WaitingForRole', text: `no role of ${vip} received yet; ${untouched}` };
  if (!isFresh(observed.receivedAt, observed.heartbeatMs, now)) {
    const age = Math.round(now - observed.receivedAt);
    const missed = `${MISSED_HEARTBEATS} heartbeats of ${observed.heartbeatMs} ms missed`;
    return { role: 'unknown', why: 'RoleStale', text: `the role of ${vip} was last heard ${age} ms ago (${missed}), so it is unknown; ${untouched}` };
  }
  if (observed.role === 'unknown') return { role: 'unknown', why: 'RoleUnknown', text: `the vip-watcher reports ${vip} as unknown; ${untouched}` };
  return { role: observed.role };
}

/** Records a received role; a fresh master after anything but a fresh master begins a new mastership. */
export function observeRole(d: Draft, observation: RoleObservation): void {
  const { role, mastership, halted } = d.state;
  const now = d.at.monotonic;
  role.observed = observation;
  if (isFresh(observation.receivedAt, observation.heartbeatMs, now) && observation.role !== 'unknown') {
    if (observation.role === 'master' && role.lastKnown !== 'master') mastership.epoch += 1;
    role.lastKnown = observation.role;
  }
  if (!halted) armStale(d, observation);
}

/**
 * The stale timer fired. Node measures a timer from its event loop's cached time, which lags the
 * monotonic clock while a tick runs, so it may fire before the role is stale: then it is armed again,
 * or nothing would ever say that the role went stale.
 */
export function staleTimerFired(d: Draft): void {
  const { role, halted } = d.state;
  const observed = role.observed;
  if (!halted && observed !== undefined && isFresh(observed.receivedAt, observed.heartbeatMs, d.at.monotonic)) armStale(d, observed);
}

/** Wakes the machine just after the role turns stale, to say so. */
function armStale(d: Draft, observation: RoleObservation): void {
  d.setTimer('stale', Math.max(0, staleAt(observation.receivedAt, observation.heartbeatMs) - d.at.monotonic + 1));
}
