import { sampleVipRoleEvent, type VipRoleEvent } from '@routerd/bus';
import { evaluateWhen, type When } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { RoleCache } from './role-cache.js';

const gate: When = { state: { 'VirtualAddress/lan-vip.role': { equals: 'master' } } };

function event(role: VipRoleEvent['role']): VipRoleEvent {
  return { ...sampleVipRoleEvent, name: 'lan-vip', role, heartbeatMs: 1000, lastRoleTransitionAt: new Date(0).toISOString() };
}

function setup() {
  let now = 1_000_000;
  const cache = new RoleCache(() => now);
  const truth = () => evaluateWhen(gate, cache.lookup, { now, freshFor: 60_000 }).truth;
  return { cache, truth, advance: (ms: number) => (now += ms) };
}

describe('role-cache', () => {
  it('syncer › no role heard yet closes the gate', () => {
    expect(setup().truth()).toBe('false');
  });

  it('syncer › a fresh master opens the gate, backup closes it', () => {
    const s = setup();
    s.cache.update(event('master'));
    expect(s.truth()).toBe('true');
    s.cache.update(event('backup'));
    expect(s.truth()).toBe('false');
  });

  it('syncer › a master that stopped heartbeating becomes unknown after three periods', () => {
    const s = setup();
    s.cache.update(event('master'));
    s.advance(3000);
    expect(s.truth()).toBe('true');
    s.advance(1);
    expect(s.truth()).toBe('unknown');
    s.cache.update(event('master'));
    expect(s.truth()).toBe('true');
  });

  it('syncer › update says whether the role changed', () => {
    const s = setup();
    expect(s.cache.update(event('backup'))).toBe(true);
    expect(s.cache.update(event('backup'))).toBe(false);
    expect(s.cache.update(event('master'))).toBe(true);
  });
});
