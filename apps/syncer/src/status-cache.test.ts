import { MAX_HEARTBEAT_MS, samplePromotionStatus, sampleVipRoleEvent, type PromotionStatus, type VipRoleEvent } from '@routerd/bus';
import { evaluateWhen, type When } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { StatusCache } from './status-cache.js';

const gate: When = { state: { 'VirtualAddress/lan-vip.role': { equals: 'master' } } };

function event(role: VipRoleEvent['role']): VipRoleEvent {
  return { ...sampleVipRoleEvent, name: 'lan-vip', role, heartbeatMs: 1000, lastRoleTransitionAt: new Date(0).toISOString() };
}

/** A wall clock and a monotonic clock that advance together unless the wall one is stepped. */
function setup() {
  let now = 1_000_000;
  let monotonic = 5_000;
  const cache = new StatusCache({ monotonic: () => monotonic });
  // The cache keeps monotonic times only: the evaluator is given the monotonic now, never the wall clock.
  const truth = () => evaluateWhen(gate, cache.lookup, { now: monotonic, freshFor: 60_000 }).truth;
  const advance = (ms: number) => {
    now += ms;
    monotonic += ms;
  };
  return { cache, truth, now: () => now, monotonic: () => monotonic, advance, stepWall: (ms: number) => (now += ms) };
}

describe('status-cache', () => {
  it('syncer › no role heard yet closes the gate', () => {
    expect(setup().truth()).toBe('false');
  });

  it('syncer › a fresh master opens the gate, backup closes it', () => {
    const s = setup();
    s.cache.updateVip(event('master'));
    expect(s.truth()).toBe('true');
    s.cache.updateVip(event('backup'));
    expect(s.truth()).toBe('false');
  });

  it('syncer › a master that stopped heartbeating becomes unknown after three periods', () => {
    const s = setup();
    s.cache.updateVip(event('master'));
    s.advance(3000);
    expect(s.truth()).toBe('true');
    s.advance(1);
    expect(s.truth()).toBe('unknown');
    s.cache.updateVip(event('master'));
    expect(s.truth()).toBe('true');
  });

  it('syncer › a heartbeat claimed above the maximum buys no more than 3 × 60 s of freshness', () => {
    const s = setup();
    s.cache.updateVip({ ...event('master'), heartbeatMs: 1e9 });
    expect(s.cache.staleAt('VirtualAddress', 'lan-vip')).toBe(s.monotonic() + 3 * MAX_HEARTBEAT_MS);
    s.cache.updatePromotion({ ...samplePromotionStatus, heartbeatMs: 1e9 });
    expect(s.cache.staleAt('DHCPv4Server', 'lan-dhcpv4')).toBe(s.monotonic() + 3 * MAX_HEARTBEAT_MS);
  });

  it('syncer › a dead publisher goes stale on the monotonic clock even when the wall clock steps back an hour', () => {
    const s = setup();
    s.cache.updateVip(event('master'));
    expect(s.cache.staleAt('VirtualAddress', 'lan-vip')).toBe(s.monotonic() + 3000);
    s.stepWall(-3_600_000);
    s.advance(3001);
    expect(s.cache.lookup({ kind: 'VirtualAddress', name: 'lan-vip', field: 'role' })?.value).toBe('unknown');
    expect(s.truth()).toBe('unknown');
  });

  it('syncer › a wall clock stepping forward does not kill a status that is still heartbeating', () => {
    const s = setup();
    s.cache.updateVip(event('master'));
    s.stepWall(3_600_000);
    s.advance(3000);
    expect(s.cache.lookup({ kind: 'VirtualAddress', name: 'lan-vip', field: 'role' })?.value).toBe('master');
  });

  it('syncer › update says whether the role changed', () => {
    const s = setup();
    expect(s.cache.updateVip(event('backup'))).toBe(true);
    expect(s.cache.updateVip(event('backup'))).toBe(false);
    expect(s.cache.updateVip(event('master'))).toBe(true);
  });

  it('syncer › any kind\'s fields can be gated on, with their own heartbeat bound', () => {
    const s = setup();
    const phase = (): unknown => s.cache.lookup({ kind: 'DHCPv4Server', name: 'lan', field: 'phase' })?.value;
    expect(phase()).toBeUndefined();
    s.cache.update({ kind: 'DHCPv4Server', name: 'lan', fields: { phase: 'Serving' }, heartbeatMs: 2000 });
    expect(phase()).toBe('Serving');
    s.advance(6001);
    expect(phase()).toBe('unknown');
  });

  it('syncer › a field keeps its change time while its value holds', () => {
    const s = setup();
    const key = { kind: 'DHCPv4Server', name: 'lan', field: 'phase' };
    s.cache.update({ kind: 'DHCPv4Server', name: 'lan', fields: { phase: 'Serving' }, heartbeatMs: 2000 });
    const first = s.cache.lookup(key)?.changedAt;
    s.advance(1500);
    s.cache.update({ kind: 'DHCPv4Server', name: 'lan', fields: { phase: 'Serving' }, heartbeatMs: 2000 });
    expect(s.cache.lookup(key)?.changedAt).toBe(first);
    s.cache.update({ kind: 'DHCPv4Server', name: 'lan', fields: { phase: 'Stopped' }, heartbeatMs: 2000 });
    expect(s.cache.lookup(key)?.changedAt).toBe((first ?? 0) + 1500);
  });

  it('syncer › a promotion status gives each of its servers a phase', () => {
    const s = setup();
    const at = new Date(s.now()).toISOString();
    const status: PromotionStatus = { ...samplePromotionStatus, lastTransitionAt: at, observedAt: at, seq: 1 };
    expect(s.cache.updatePromotion(status)).toBe(true);
    const serving: When = {
      all: [
        { state: { 'DHCPv4Server/lan-dhcpv4.phase': { equals: 'Serving' } } },
        { state: { 'DHCPv6Server/lan-dhcpv6.phase': { equals: 'Serving' } } },
      ],
    };
    const truth = () => evaluateWhen(serving, s.cache.lookup, { now: s.monotonic(), freshFor: 60_000 }).truth;
    expect(truth()).toBe('true');
    expect(s.cache.updatePromotion({ ...status, phase: 'Starting' })).toBe(true);
    expect(truth()).toBe('false');
  });

  describe('`for` durations', () => {
    const held: When = { state: { 'VirtualAddress/lan-vip.role': { equals: 'master', for: '10s' } } };
    /** A role event as the vip-watcher would send it on a wall clock of its own: the transition `agoMs` before its observation. */
    const at = (role: VipRoleEvent['role'], observedAt: number, agoMs: number): VipRoleEvent => ({
      ...event(role),
      observedAt: new Date(observedAt).toISOString(),
      lastRoleTransitionAt: new Date(observedAt - agoMs).toISOString(),
    });

    it.each([-3_600_000, 3_600_000])('syncer › a role held 4 s satisfies `for: 10s` 6 s later, both nodes\' wall clocks stepping by %i ms', (step) => {
      const s = setup();
      const heldTruth = () => evaluateWhen(held, s.cache.lookup, { now: s.monotonic(), freshFor: 60_000 }).truth;
      // The vip-watcher keeps the wall time of the transition; its observedAt follows its (stepped) clock.
      const transition = s.now() - 4000;
      const heartbeat = () => s.cache.updateVip({ ...at('master', s.now(), 0), lastRoleTransitionAt: new Date(transition).toISOString() });
      heartbeat();
      expect(heldTruth()).toBe('false');
      s.stepWall(step);
      for (let i = 0; i < 5; i += 1) {
        s.advance(1000);
        heartbeat();
      }
      s.advance(999);
      expect(heldTruth()).toBe('false');
      s.advance(1);
      expect(heldTruth()).toBe('true');
    });

    it('syncer › a transition dated after the publisher\'s own observation counts from its receipt, never from the future', () => {
      const s = setup();
      const heldTruth = () => evaluateWhen(held, s.cache.lookup, { now: s.monotonic(), freshFor: 60_000 }).truth;
      s.cache.updateVip(at('master', s.now(), -3_600_000));
      expect(s.cache.lookup({ kind: 'VirtualAddress', name: 'lan-vip', field: 'role' })?.changedAt).toBe(s.monotonic());
      s.advance(2000);
      s.cache.updateVip(at('master', s.now(), -3_600_000));
      s.advance(8000);
      s.cache.updateVip(at('master', s.now(), -3_600_000));
      expect(heldTruth()).toBe('true');
    });

    it('syncer › a change we saw happen is not dated before our previous receipt, whatever the publisher says', () => {
      const s = setup();
      s.cache.updateVip(at('backup', s.now(), 0));
      s.advance(1000);
      const seen = s.monotonic();
      s.cache.updateVip(at('master', s.now(), 3_600_000));
      expect(s.cache.lookup({ kind: 'VirtualAddress', name: 'lan-vip', field: 'role' })?.changedAt).toBe(seen - 1000);
    });
  });
});
