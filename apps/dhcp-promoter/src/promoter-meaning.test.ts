// Role events checked for meaning before the promoter acts on them: a forged or misdirected role
// never starts or stops the DHCP server; each is counted and logged once per rate window.
import { createBusCounters, sampleVipRoleEvent, vipSubject, type VipRoleEvent } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { createPromoter } from './promoter.js';
import { promotionConfig } from './testing/config.js';
import { fakeClock, fakeExec, memoryLogger, playServer, T0 } from './testing/fakes.js';

const HOUR = 3_600_000;
const SUBJECT = vipSubject('r1', 'lan-vip');
const vip = (role: VipRoleEvent['role'], patch: Partial<VipRoleEvent> = {}): VipRoleEvent => ({
  ...sampleVipRoleEvent,
  node: 'r1',
  name: 'lan-vip',
  role,
  heartbeatMs: 2000,
  observedAt: new Date(T0).toISOString(),
  ...patch,
});

function setup() {
  const clock = fakeClock();
  const exec = fakeExec();
  const server = playServer(exec);
  const mem = memoryLogger();
  const counters = createBusCounters();
  const promoter = createPromoter({
    node: 'r1',
    config: promotionConfig({ start: ['start'], stop: ['stop'], check: ['check'] }),
    exec: exec.run,
    clock,
    log: mem.log,
    counters,
    random: () => 0.5,
    publish: () => undefined,
  });
  promoter.start();
  return { clock, exec, server, mem, counters, promoter };
}

const ignoredLines = (mem: ReturnType<typeof memoryLogger>) => mem.messages('warn').filter((m) => m.includes('ignored'));

describe('dhcp-promoter › role meaning', () => {
  it('dhcp-promoter › a forged master claiming a huge heartbeat does not start the server nor stay fresh for ever', async () => {
    const { clock, exec, counters, promoter } = setup();
    promoter.handleRole(vip('master', { heartbeatMs: 1e9 }), SUBJECT);
    await clock.advance(HOUR);
    // Before the check the role stayed fresh for 3e9 ms: the server started and kept Serving an hour later.
    expect(exec.lines()).toEqual(['check']);
    expect(promoter.statuses()[0]).toMatchObject({ phase: 'Stopped', reason: 'WaitingForRole', role: 'unknown' });
    expect(counters.bad).toBe(1);
  });

  const forged: [string, string, VipRoleEvent, string][] = [
    ['a role of another node', vipSubject('r2', 'lan-vip'), vip('master', { node: 'r2' }), 'node: expected "r1" (this consumer follows its own node only), found "r2"'],
    ['a role of an unknown VIP', vipSubject('r1', 'wan-vip'), vip('master', { name: 'wan-vip' }), 'name: expected a VirtualAddress of this node\'s configuration, found "wan-vip"'],
    ['a role whose payload names another node than its subject', SUBJECT, vip('master', { node: 'r2' }), 'node: expected "r1" (the subject\'s node), found "r2"'],
    ['a heartbeat of 1e9 ms', SUBJECT, vip('master', { heartbeatMs: 1e9 }), 'heartbeatMs: expected at most 60000, found 1000000000'],
    ['an observedAt an hour ahead', SUBJECT, vip('master', { observedAt: new Date(T0 + HOUR).toISOString() }), 'observedAt: expected no later than'],
  ];
  for (const [what, subject, event, detail] of forged) {
    it(`dhcp-promoter › ${what} is ignored, counted and logged once; a good role after it is acted on`, async () => {
      const { clock, exec, mem, counters, promoter } = setup();
      promoter.handleRole(event, subject);
      promoter.handleRole(event, subject);
      await clock.advance(1000);
      expect(exec.lines()).toEqual(['check']);
      expect(counters.snapshot()).toMatchObject({ bad: 2, lastBad: { subject } });
      expect(ignoredLines(mem)).toHaveLength(1);
      expect(ignoredLines(mem)[0]).toContain(detail);
      promoter.handleRole(vip('master', { observedAt: new Date(clock.wall()).toISOString() }), SUBJECT);
      await clock.advance(200);
      expect(exec.lines()).toEqual(['check', 'start', 'check']);
      expect(promoter.statuses()[0]).toMatchObject({ phase: 'Serving', role: 'master' });
      expect(counters.bad).toBe(2);
    });
  }

  it('dhcp-promoter › the same refusal is logged again after the rate window, with how many were held back', async () => {
    const { clock, mem, promoter } = setup();
    const forgedRole = vip('master', { heartbeatMs: 1e9 });
    for (let i = 0; i < 3; i += 1) promoter.handleRole(forgedRole, SUBJECT);
    await clock.advance(60_000);
    promoter.handleRole({ ...forgedRole, observedAt: new Date(clock.wall()).toISOString() }, SUBJECT);
    expect(ignoredLines(mem)).toHaveLength(2);
    expect(ignoredLines(mem)[1]).toMatch(/\(2 more like it not logged\)$/);
  });

  it('dhcp-promoter › a role for a VIP added by a reload is accepted once the promoter has the new configuration', async () => {
    const { clock, exec, counters, promoter } = setup();
    promoter.reload({ resources: [] });
    promoter.handleRole(vip('master'), SUBJECT);
    expect(counters.bad).toBe(1);
    promoter.reload(promotionConfig({ start: ['start'], stop: ['stop'], check: ['check'] }));
    promoter.handleRole(vip('master', { observedAt: new Date(clock.wall()).toISOString() }), SUBJECT);
    await clock.advance(200);
    expect(exec.lines()).toEqual(['check', 'check', 'start', 'check']);
    expect(counters.bad).toBe(1);
  });
});
