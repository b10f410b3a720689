// The syncer's inputs with fakes (clock, logger): a forged or misdirected message changes no gate and
// triggers no sync; it is counted and logged once per rate window; a good one still counts.
import {
  createBusCounters,
  leaseSubject,
  promotionSubject,
  sampleLeaseFileEvent,
  samplePromotionStatus,
  sampleVipRoleEvent,
  vipSubject,
  type LeaseFileEvent,
  type PromotionStatus,
  type VipRoleEvent,
} from '@routerd/bus';
import { haLanResources, loadTestConfig } from '@routerd/model/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createBusInputs } from './bus-inputs.js';
import { StatusCache } from './status-cache.js';

const T0 = Date.parse('2024-05-01T12:00:00.000Z');
const HOUR = 3_600_000;
const config = loadTestConfig(haLanResources({ ifname: 'lan0', targets: [{ host: 'standby.example' }], promotion: { start: ['start'], stop: ['stop'], check: ['check'] } }));
const VIP = vipSubject('r1', 'lan-vip');
const PROMOTION = promotionSubject('r1', 'lan-dhcp');
const LEASE = leaseSubject('r1', 'DHCPv4Server', 'lan-dhcpv4');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const role = (patch: Partial<VipRoleEvent> = {}): VipRoleEvent => ({ ...sampleVipRoleEvent, observedAt: at(0), heartbeatMs: 2000, ...patch });
const promotion = (patch: Partial<PromotionStatus> = {}): PromotionStatus => ({
  ...samplePromotionStatus,
  servers: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }],
  phase: 'Stopped',
  observedAt: at(0),
  ...patch,
});
const lease = (patch: Partial<LeaseFileEvent> = {}): LeaseFileEvent => ({ ...sampleLeaseFileEvent, observedAt: at(0), ...patch });

function setup() {
  let monotonic = 70_000;
  const clock = { monotonic: () => monotonic, wall: () => T0 + monotonic - 70_000 };
  const lines: { msg: string }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string }) });
  const counters = createBusCounters();
  const statusCache = new StatusCache(clock);
  const changed: string[] = [];
  const leases: string[] = [];
  const inputs = createBusInputs({
    node: 'r1',
    config: () => config,
    clock,
    log,
    counters,
    statusCache,
    statusChanged: (keys) => changed.push(...keys.map((k) => `${k.kind}/${k.name}`)),
    leaseChanged: (event) => leases.push(`${event.kind}/${event.name}`),
  });
  const lookup = (kind: string, name: string, field: string) => statusCache.lookup({ kind, name, field })?.value;
  const ignored = () => lines.map((l) => l.msg).filter((m) => m.includes('ignored'));
  return { inputs, counters, changed, leases, lookup, ignored, advance: (ms: number) => (monotonic += ms) };
}

describe('syncer › bus inputs', () => {
  const forgedRoles: [string, string, VipRoleEvent, string][] = [
    ['a role of another node on our subject', VIP, role({ node: 'r2' }), 'node: expected "r1" (the subject\'s node), found "r2"'],
    ['a role of another node on its own subject', vipSubject('r2', 'lan-vip'), role({ node: 'r2' }), 'node: expected "r1" (this consumer follows its own node only), found "r2"'],
    ['a role of an unknown VIP', vipSubject('r1', 'wan-vip'), role({ name: 'wan-vip' }), 'name: expected a VirtualAddress of this node\'s configuration, found "wan-vip"'],
    ['a role claiming a heartbeat of 1e9 ms', VIP, role({ heartbeatMs: 1e9 }), 'heartbeatMs: expected at most 60000, found 1000000000'],
    ['a role observed an hour ahead', VIP, role({ observedAt: at(HOUR) }), 'observedAt: expected no later than 2024-05-01T12:05:00.000Z'],
  ];
  for (const [what, subject, event, detail] of forgedRoles) {
    it(`syncer › ${what} changes no gate, is counted and logged once; a good role is still taken`, () => {
      const s = setup();
      s.inputs.role(event, subject);
      s.inputs.role(event, subject);
      expect(s.lookup('VirtualAddress', event.name, 'role')).toBeUndefined();
      expect(s.changed).toEqual([]);
      expect(s.counters.snapshot()).toMatchObject({ bad: 2, lastBad: { subject } });
      expect(s.ignored()).toHaveLength(1);
      expect(s.ignored()[0]).toContain(detail);
      s.inputs.role(role(), VIP);
      expect(s.lookup('VirtualAddress', 'lan-vip', 'role')).toBe('master');
      expect(s.changed).toEqual(['VirtualAddress/lan-vip']);
      expect(s.counters.bad).toBe(2);
    });
  }

  it('syncer › a forged promotion status changes no server phase the handback waits for; a good one does', () => {
    const s = setup();
    const forged: [string, PromotionStatus][] = [
      [promotionSubject('r1', 'guest-dhcp'), promotion({ name: 'guest-dhcp' })],
      [PROMOTION, promotion({ servers: [{ kind: 'DHCPv6Server', name: 'lan-dhcpv6' }] })],
      [PROMOTION, promotion({ heartbeatMs: 1e9 })],
      [PROMOTION, promotion({ observedAt: at(HOUR) })],
      [promotionSubject('r2', 'lan-dhcp'), promotion({ node: 'r2' })],
    ];
    for (const [subject, status] of forged) s.inputs.promotion(status, subject);
    expect(s.lookup('DHCPv4Server', 'lan-dhcpv4', 'phase')).toBeUndefined();
    expect(s.lookup('DHCPv6Server', 'lan-dhcpv6', 'phase')).toBeUndefined();
    expect(s.changed).toEqual([]);
    expect(s.counters.bad).toBe(5);
    expect(s.ignored()).toHaveLength(5);
    s.inputs.promotion(promotion(), PROMOTION);
    expect(s.lookup('DHCPv4Server', 'lan-dhcpv4', 'phase')).toBe('Stopped');
    expect(s.changed).toEqual(['DHCPv4Server/lan-dhcpv4']);
  });

  it('syncer › a forged lease event triggers no sync; an old but true one does, as does a good one', () => {
    const s = setup();
    s.inputs.lease(lease({ name: 'guest-dhcpv4' }), leaseSubject('r1', 'DHCPv4Server', 'guest-dhcpv4'));
    s.inputs.lease(lease({ node: 'r2' }), leaseSubject('r2', 'DHCPv4Server', 'lan-dhcpv4'));
    s.inputs.lease(lease({ observedAt: at(HOUR) }), LEASE);
    s.inputs.lease(lease({ kind: 'DHCPv6Server' }), LEASE);
    expect(s.leases).toEqual([]);
    expect(s.counters.bad).toBe(4);
    // A file unchanged for days is re-announced with the time it was first seen.
    s.inputs.lease(lease({ observedAt: at(-72 * HOUR) }), LEASE);
    s.inputs.lease(lease(), LEASE);
    expect(s.leases).toEqual(['DHCPv4Server/lan-dhcpv4', 'DHCPv4Server/lan-dhcpv4']);
    expect(s.counters.bad).toBe(4);
  });

  it('syncer › the same refusal is logged again after the rate window, with how many were held back', () => {
    const s = setup();
    for (let i = 0; i < 4; i += 1) s.inputs.role(role({ heartbeatMs: 1e9 }), VIP);
    s.advance(60_000);
    s.inputs.role(role({ heartbeatMs: 1e9, observedAt: at(60_000) }), VIP);
    expect(s.ignored()).toHaveLength(2);
    expect(s.ignored()[1]).toMatch(/\(3 more like it not logged\)$/);
    expect(s.counters.bad).toBe(5);
  });
});
