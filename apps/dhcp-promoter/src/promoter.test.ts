import { promotionStatusSchema, sampleVipRoleEvent, vipSubject, type PromotionStatus, type VipRoleEvent } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { createPromoter } from './promoter.js';
import { promotionPlans } from './promotion-plan.js';
import { promotionConfig } from './testing/config.js';
import { fakeClock, fakeExec, memoryLogger, playServer, T0 } from './testing/fakes.js';

const vip = (role: VipRoleEvent['role'], patch: Partial<VipRoleEvent> = {}): VipRoleEvent => ({ ...sampleVipRoleEvent, node: 'r1', name: 'lan-vip', role, heartbeatMs: 2000, ...patch });

function setup() {
  const clock = fakeClock();
  const exec = fakeExec();
  const server = playServer(exec);
  const sent: { subject: string; status: PromotionStatus }[] = [];
  const promoter = createPromoter({
    node: 'r1',
    config: promotionConfig({ start: ['start'], stop: ['stop'], check: ['check'] }),
    exec: exec.run,
    clock,
    log: memoryLogger().log,
    random: () => 0.5,
    publish: (subject, data) => sent.push({ subject, status: promotionStatusSchema.parse(JSON.parse(new TextDecoder().decode(data))) }),
  });
  return { clock, exec, server, sent, promoter };
}

describe('dhcp-promoter › promoter', () => {
  it('dhcp-promoter › plans: servers default to every DHCP server, durations in ms', () => {
    expect(promotionPlans(promotionConfig({ start: ['/bin/true'], stop: ['stop', 'x'], check: ['check'], checkInterval: '1m' }))).toEqual([
      {
        name: 'lan-dhcp',
        virtualAddress: 'lan-vip',
        servers: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }],
        start: ['/bin/true'],
        stop: ['stop', 'x'],
        check: ['check'],
        checkIntervalMs: 60_000,
        settleMs: 200,
        // No dirs, no lease files: settle is a plain wait.
        leaseFiles: [],
      },
    ]);
  });

  it('dhcp-promoter › publishes a valid status at start, on every change and as a heartbeat, seq increasing', async () => {
    const { clock, exec, sent, promoter } = setup();
    promoter.start();
    expect(sent.map((s) => [s.subject, s.status.phase, s.status.reason])).toEqual([['routerd.r1.promotion.lan-dhcp', 'Unknown', 'WaitingForRole']]);
    promoter.handleRole(vip('master'), vipSubject('r1', 'lan-vip'));
    await clock.advance(200);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    // The first check finds the server stopped; Serving only after the start's own first check
    // (meanwhile the status shows how start went).
    expect(sent.map((s) => [s.status.phase, s.status.reason, s.status.lastCommand?.exitCode])).toEqual([
      ['Unknown', 'WaitingForRole', undefined],
      ['Stopped', 'WaitingForRole', undefined],
      ['Stopped', 'Settling', undefined],
      ['Starting', undefined, undefined],
      ['Starting', undefined, 0],
      ['Serving', undefined, 0],
    ]);
    expect(sent.at(-1)?.status).toMatchObject({ type: 'promotion.status', node: 'r1', role: 'master', heartbeatMs: 2000, servers: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }] });
    const before = sent.length;
    promoter.handleRole(vip('master'), vipSubject('r1', 'lan-vip'));
    await clock.advance(1800);
    expect(sent.length).toBe(before + 1); // the heartbeat at 2 s, nothing for the unchanged role
    expect(sent.map((s) => s.status.seq)).toEqual(sent.map((_, i) => i + 1));
    expect(promoter.statuses()).toHaveLength(1);
    await promoter.stop();
    await clock.advance(10_000);
    expect(sent.length).toBe(before + 1);
  });

  it('dhcp-promoter › ignores other VIPs and other nodes', async () => {
    const { clock, exec, promoter } = setup();
    promoter.start();
    promoter.handleRole(vip('master', { name: 'other-vip' }), vipSubject('r1', 'other-vip'));
    promoter.handleRole(vip('master', { node: 'r2' }), vipSubject('r2', 'lan-vip'));
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check']);
  });

  it('dhcp-promoter › reload adds, changes and removes promotions; a new one starts from the last role; none runs stop when removed', async () => {
    const { clock, exec, server, promoter } = setup();
    server.running = true;
    promoter.start();
    promoter.handleRole(vip('backup'), vipSubject('r1', 'lan-vip'));
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check', 'stop']);
    promoter.reload(promotionConfig({ start: ['start2'], stop: ['stop2'], check: ['check'] }));
    promoter.handleRole(vip('master'), vipSubject('r1', 'lan-vip'));
    await clock.advance(200);
    expect(exec.lines()).toEqual(['check', 'stop', 'start2', 'check']);
    // The promotion goes, its VIP stays: the VIP's roles are still this node's to remember.
    const withoutPromotion = promotionConfig({ start: ['start2'], stop: ['stop2'], check: ['check'] }).resources.filter((r) => r.kind !== 'DHCPServerPromotion');
    promoter.reload({ resources: withoutPromotion });
    expect(promoter.statuses()).toEqual([]);
    promoter.handleRole(vip('backup'), vipSubject('r1', 'lan-vip'));
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'stop', 'start2', 'check']);
    promoter.reload(promotionConfig({ start: ['start3'], stop: ['stop3'], check: ['check'] }));
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check', 'stop', 'start2', 'check', 'check', 'stop3']);
  });

  it('dhcp-promoter › roles are timed on the monotonic clock, statuses stamped on the wall clock', async () => {
    const { clock, promoter } = setup();
    promoter.start();
    promoter.handleRole(vip('master'), vipSubject('r1', 'lan-vip'));
    await clock.advance(200);
    clock.stepWall(-3_600_000);
    await clock.advance(6000);
    // The vip-watcher went quiet: an hour's step back of the wall clock does not keep its master fresh.
    expect(promoter.statuses()[0]).toMatchObject({ phase: 'Serving', reason: 'RoleStale', observedAt: new Date(T0 + 6200 - 3_600_000).toISOString() });
  });
});
