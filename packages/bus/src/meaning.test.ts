import { haLanResources, loadTestConfig, resource } from '@routerd/model/testing';
import { describe, expect, it } from 'vitest';
import { createBusCounters } from './counters.js';
import { BadMessageError, type BusError } from './errors.js';
import { checkMeaning, createMeaningGuard, createRateLimitedReport, grantedHeartbeatMs, MAX_HEARTBEAT_MS, MeaningError, type MeaningExpectations } from './meaning.js';
import { promotionSubject } from './promotion-subjects.js';
import { sampleLeaseFileEvent, samplePromotionStatus, sampleReconcileEvent, sampleSyncStatus, sampleVipRoleEvent } from './schemas/samples.js';
import { leaseSubject, reconcileSubject, syncSubject, vipSubject } from './subjects.js';

const NOW = Date.parse('2024-05-01T12:00:02.000Z');
const config = loadTestConfig([
  ...haLanResources({ ifname: 'eth1', targets: [{ host: 'standby.example' }], promotion: { start: ['start'], stop: ['stop'], check: ['check'] } }),
  resource('DHCPv6Server', 'lan-dhcpv6', {}),
]);
const expectations: MeaningExpectations = { node: 'r1', config: () => config, wallNow: () => NOW };
const VIP = vipSubject('r1', 'lan-vip');
const PROMOTION = promotionSubject('r1', 'lan-dhcp');
const minutes = (n: number) => new Date(NOW + n * 60_000).toISOString();

describe('bus › meaning', () => {
  it('bus › meaning: every sample on its own subject means something to r1 with the configuration it names', () => {
    expect(checkMeaning(VIP, sampleVipRoleEvent, expectations)).toBeUndefined();
    expect(checkMeaning(PROMOTION, samplePromotionStatus, expectations)).toBeUndefined();
    expect(checkMeaning(leaseSubject('r1', 'DHCPv4Server', 'lan-dhcpv4'), sampleLeaseFileEvent, expectations)).toBeUndefined();
    expect(checkMeaning(syncSubject('r1', 'DHCPv4ServerLeaseSync', 'lan-v4-leases'), sampleSyncStatus, expectations)).toBeUndefined();
    expect(checkMeaning(reconcileSubject('r1', 'DHCPv4Server', 'lan-dhcpv4'), sampleReconcileEvent, expectations)).toBeUndefined();
  });

  it('bus › meaning: a payload that disagrees with its subject is refused, naming the field, the subject and the payload', () => {
    const cases: [string, unknown, string][] = [
      [VIP, { ...sampleVipRoleEvent, node: 'r2' }, 'node: expected "r1" (the subject\'s node), found "r2"'],
      [VIP, { ...sampleVipRoleEvent, name: 'wan-vip' }, 'name: expected "lan-vip" (the subject\'s name), found "wan-vip"'],
      [PROMOTION, sampleVipRoleEvent, 'type: expected "promotion.status" on a promotion subject, found "vip.role"'],
      [leaseSubject('r1', 'DHCPv6Server', 'lan-dhcpv4'), sampleLeaseFileEvent, 'kind: expected "DHCPv6Server" (the subject\'s kind), found "DHCPv4Server"'],
    ];
    for (const [subject, event, detail] of cases) {
      const problem = checkMeaning(subject, event as typeof sampleVipRoleEvent, expectations);
      expect(problem).toBeInstanceOf(MeaningError);
      expect(problem).toMatchObject({ reason: 'subject', subject, message: `message on ${JSON.stringify(subject)} ignored: ${detail}` });
    }
    expect(checkMeaning('routerd.r1.nowhere', sampleVipRoleEvent, expectations)?.reason).toBe('subject');
    expect(checkMeaning('routerd.r1.syncer.status', sampleVipRoleEvent, expectations)?.message).toContain('type: expected no event on a syncer subject, found "vip.role"');
  });

  it('bus › meaning: another node is refused where the consumer follows its own only', () => {
    const other = { ...sampleVipRoleEvent, node: 'r2' };
    expect(checkMeaning(vipSubject('r2', 'lan-vip'), other, expectations)?.message).toBe(
      'message on "routerd.r2.vip.lan-vip" ignored: node: expected "r1" (this consumer follows its own node only), found "r2"',
    );
    expect(checkMeaning(vipSubject('r2', 'lan-vip'), other, { config: () => config, wallNow: () => NOW })).toBeUndefined();
  });

  it('bus › meaning: a resource not in the configuration is refused; a promotion must match its spec', () => {
    const unknownVip = { ...sampleVipRoleEvent, name: 'wan-vip' };
    expect(checkMeaning(vipSubject('r1', 'wan-vip'), unknownVip, expectations)).toMatchObject({
      reason: 'unknown-resource',
      message: 'message on "routerd.r1.vip.wan-vip" ignored: name: expected a VirtualAddress of this node\'s configuration, found "wan-vip"',
    });
    const lease = { ...sampleLeaseFileEvent, name: 'guest-dhcpv4' };
    expect(checkMeaning(leaseSubject('r1', 'DHCPv4Server', 'guest-dhcpv4'), lease, expectations)?.reason).toBe('unknown-resource');
    const promotion = { ...samplePromotionStatus, name: 'guest-dhcp' };
    expect(checkMeaning(promotionSubject('r1', 'guest-dhcp'), promotion, expectations)?.message).toContain('name: expected a DHCPServerPromotion of this node\'s configuration, found "guest-dhcp"');
    expect(checkMeaning(PROMOTION, { ...samplePromotionStatus, virtualAddress: 'wan-vip' }, expectations)?.message).toContain(
      'virtualAddress: expected "lan-vip" (DHCPServerPromotion/lan-dhcp\'s), found "wan-vip"',
    );
    expect(checkMeaning(PROMOTION, { ...samplePromotionStatus, servers: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }] }, expectations)?.message).toContain(
      "servers: expected DHCPv4Server/lan-dhcpv4, DHCPv6Server/lan-dhcpv6 (DHCPServerPromotion/lan-dhcp's), found DHCPv4Server/lan-dhcpv4",
    );
    expect(checkMeaning(vipSubject('r1', 'wan-vip'), unknownVip, { node: 'r1' })).toBeUndefined();
  });

  it('bus › meaning: a heartbeat above the maximum is refused; the freshness granted never exceeds it', () => {
    expect(checkMeaning(VIP, { ...sampleVipRoleEvent, heartbeatMs: MAX_HEARTBEAT_MS }, expectations)).toBeUndefined();
    expect(checkMeaning(VIP, { ...sampleVipRoleEvent, heartbeatMs: 1e9 }, expectations)).toMatchObject({
      reason: 'heartbeat',
      message: 'message on "routerd.r1.vip.lan-vip" ignored: heartbeatMs: expected at most 60000, found 1000000000',
    });
    expect(checkMeaning(PROMOTION, { ...samplePromotionStatus, heartbeatMs: 60_001 }, expectations)?.reason).toBe('heartbeat');
    expect(grantedHeartbeatMs(1e9)).toBe(MAX_HEARTBEAT_MS);
    expect(grantedHeartbeatMs(2000)).toBe(2000);
  });

  it('bus › meaning: times more than 5 min ahead are refused; a status stamped as published must also be no more than 5 min old', () => {
    expect(checkMeaning(VIP, { ...sampleVipRoleEvent, observedAt: minutes(60) }, expectations)).toMatchObject({
      reason: 'time',
      message: 'message on "routerd.r1.vip.lan-vip" ignored: observedAt: expected no later than 2024-05-01T12:05:02.000Z (5 min ahead of this node\'s clock), found 2024-05-01T13:00:02.000Z',
    });
    expect(checkMeaning(VIP, { ...sampleVipRoleEvent, observedAt: minutes(4) }, expectations)).toBeUndefined();
    expect(checkMeaning(PROMOTION, { ...samplePromotionStatus, observedAt: minutes(-60) }, expectations)?.message).toContain(
      'observedAt: expected between 2024-05-01T11:55:02.000Z and 2024-05-01T12:05:02.000Z (within 5 min of this node\'s clock), found 2024-05-01T11:00:02.000Z',
    );
    // Dated when first seen or begun: old and true.
    const lease = leaseSubject('r1', 'DHCPv4Server', 'lan-dhcpv4');
    expect(checkMeaning(lease, { ...sampleLeaseFileEvent, observedAt: minutes(-3 * 24 * 60) }, expectations)).toBeUndefined();
    expect(checkMeaning(lease, { ...sampleLeaseFileEvent, observedAt: minutes(60) }, expectations)?.reason).toBe('time');
    const reconcile = reconcileSubject('r1', 'DHCPv4Server', 'lan-dhcpv4');
    expect(checkMeaning(reconcile, { ...sampleReconcileEvent, at: minutes(60) }, expectations)?.message).toContain('at: expected no later than');
    // A transition time is not refused: a publisher's clock step would keep a true one out of any window.
    expect(checkMeaning(VIP, { ...sampleVipRoleEvent, lastRoleTransitionAt: minutes(60) }, expectations)).toBeUndefined();
  });

  it('bus › meaning: the guard counts and reports a refusal and lets a good message through', () => {
    const counters = createBusCounters();
    const reported: BusError[] = [];
    const accept = createMeaningGuard({ ...expectations, counters, report: (p) => reported.push(p) });
    expect(accept(VIP, sampleVipRoleEvent)).toBe(true);
    expect(accept(VIP, { ...sampleVipRoleEvent, heartbeatMs: 1e9 })).toBe(false);
    expect(counters.snapshot()).toMatchObject({ bad: 1, lastBad: { subject: VIP, error: reported[0]?.message } });
    expect(reported.map((p) => p.name)).toEqual(['MeaningError']);
  });

  it('bus › meaning: a report is logged once per window per subject and reason, then says how many it held back', () => {
    let now = 0;
    const logged: string[] = [];
    const report = createRateLimitedReport({ now: () => now, windowMs: 60_000, log: (p, suppressed) => logged.push(`${p.subject} ${p.name} +${suppressed}`) });
    const heartbeat = new MeaningError(VIP, 'heartbeat', 'x');
    for (let i = 0; i < 5; i += 1) report(heartbeat);
    report(new MeaningError(VIP, 'time', 'x'));
    report(new BadMessageError(VIP, 'x'));
    report(new MeaningError(PROMOTION, 'heartbeat', 'x'));
    expect(logged).toEqual([`${VIP} MeaningError +0`, `${VIP} MeaningError +0`, `${VIP} BadMessageError +0`, `${PROMOTION} MeaningError +0`]);
    now = 59_999;
    report(heartbeat);
    expect(logged).toHaveLength(4);
    now = 60_000;
    report(heartbeat);
    expect(logged.at(-1)).toBe(`${VIP} MeaningError +5`);
  });

  it('bus › meaning: a flood of distinct subjects keeps a bounded number of keys and still logs each reason once per window', () => {
    let now = 0;
    let logged = 0;
    const report = createRateLimitedReport({ now: () => now, log: () => (logged += 1) });
    for (let i = 0; i < 10_000; i += 1) report(new MeaningError(vipSubject('r1', `forged-${i}`), 'unknown-resource', 'x'));
    // 256 keys, then one shared key for the rest.
    expect(logged).toBe(257);
    now = 60_000;
    report(new MeaningError(vipSubject('r1', 'forged-x'), 'unknown-resource', 'x'));
    expect(logged).toBe(258);
  });
});
