import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpAddrError } from '@routerd/agent';
import { coreHarness, type CoreHarness } from './testing/core-harness.js';
import { configWith, IP_ADDR_ABSENT, IP_ADDR_PRESENT, memoryLogger, tempDir } from './testing/fixtures.js';
import { createVipWatcher } from './vip-watcher.js';

const T0 = new Date('2024-05-01T12:00:00.000Z');

describe('vip-watcher › core', () => {
  let dir: ReturnType<typeof tempDir>;
  let h: CoreHarness;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
    dir = tempDir();
    h = coreHarness(dir.path);
  });
  afterEach(() => {
    vi.useRealTimers();
    dir.remove();
  });

  it('vip-watcher › publishes every VirtualAddress at start, then a heartbeat every heartbeatMs', async () => {
    const watcher = createVipWatcher(h.deps());
    await watcher.start();
    expect(h.published.map((p) => [p.subject, p.event.role, p.event.seq])).toEqual([
      ['routerd.r1.vip.lan-vip', 'backup', 0],
      ['routerd.r1.vip.lan-vip6', 'backup', 0],
    ]);
    expect(h.published[0]?.event).toMatchObject({
      type: 'vip.role',
      node: 'r1',
      address: '192.0.2.1/32',
      interface: 'if-lan0',
      ifname: 'lan0',
      family: 'ipv4',
      virtualRouterID: 51,
      priority: 150,
      heartbeatMs: 2000,
      observedAt: T0.toISOString(),
      lastRoleTransitionAt: T0.toISOString(),
      evidence: ['kernel:absent', 'keepalived:running'],
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(h.published).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.published).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.published).toHaveLength(14);
    const beat = h.last('lan-vip');
    expect(beat).toMatchObject({ seq: 6, observedAt: '2024-05-01T12:00:12.000Z', lastRoleTransitionAt: T0.toISOString() });
    await watcher.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.published).toHaveLength(14);
  });

  it('vip-watcher › a change is published at once, with a new transition time', async () => {
    const watcher = createVipWatcher(h.deps());
    await watcher.start();
    vi.setSystemTime(new Date('2024-05-01T12:00:00.500Z'));
    h.kernel = IP_ADDR_PRESENT;
    await watcher.refresh(true);
    expect(h.published).toHaveLength(4);
    expect(h.last('lan-vip')).toMatchObject({ role: 'master', seq: 1, evidence: ['kernel:present', 'keepalived:running'], lastRoleTransitionAt: '2024-05-01T12:00:00.500Z' });
    // No change, no event outside the heartbeat.
    await watcher.refresh(true);
    expect(h.published).toHaveLength(4);
    await watcher.stop();
  });

  it('vip-watcher › a failing or garbled ip makes the role unknown with a reason, never a crash', async () => {
    const mem = memoryLogger();
    const watcher = createVipWatcher(h.deps({ log: mem.log }));
    await watcher.start();
    h.kernel = new IpAddrError('ip -j addr show exited with code 1: Cannot open netlink socket');
    await watcher.refresh(true);
    expect(h.last('lan-vip')).toMatchObject({ role: 'unknown', reason: 'ip -j addr show exited with code 1: Cannot open netlink socket' });
    h.kernel = 'garbage';
    await watcher.refresh(true);
    expect(h.last('lan-vip')).toMatchObject({ role: 'unknown', reason: 'ip -j addr show: expected a JSON array of interfaces, found invalid JSON "garbage"' });
    h.kernel = IP_ADDR_PRESENT;
    await watcher.refresh(true);
    expect(h.last('lan-vip')?.role).toBe('master');
    expect(mem.messages('warn')).toContain("cannot read the kernel's addresses: ip -j addr show exited with code 1: Cannot open netlink socket");
    await watcher.stop();
  });

  it('vip-watcher › lastRoleTransitionAt survives a restart while the role holds', async () => {
    h.kernel = IP_ADDR_PRESENT;
    const first = createVipWatcher(h.deps());
    await first.start();
    await first.stop();
    expect(h.last('lan-vip')?.lastRoleTransitionAt).toBe(T0.toISOString());

    vi.setSystemTime(new Date('2024-05-01T13:00:00.000Z'));
    h.published = [];
    const second = createVipWatcher(h.deps());
    await second.start();
    expect(h.last('lan-vip')).toMatchObject({ role: 'master', seq: 0, observedAt: '2024-05-01T13:00:00.000Z', lastRoleTransitionAt: T0.toISOString() });
    await second.stop();

    vi.setSystemTime(new Date('2024-05-01T14:00:00.000Z'));
    h.kernel = IP_ADDR_ABSENT;
    const third = createVipWatcher(h.deps());
    await third.start();
    expect(h.last('lan-vip')).toMatchObject({ role: 'backup', lastRoleTransitionAt: '2024-05-01T14:00:00.000Z' });
    await third.stop();
  });

  it('vip-watcher › a corrupt stored event is logged and ignored', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${dir.path}/vip-watcher`);
    writeFileSync(`${dir.path}/vip-watcher/lan-vip.json`, 'not json');
    const mem = memoryLogger();
    const watcher = createVipWatcher(h.deps({ log: mem.log }));
    await watcher.start();
    expect(h.last('lan-vip')?.lastRoleTransitionAt).toBe(T0.toISOString());
    expect(mem.messages('warn')[0]).toMatch(/^role store: .*lan-vip\.json: bad message .* found invalid JSON "not json"; starting without it$/);
    await watcher.stop();
  });

  it('vip-watcher › FIFO states decide between backup and inactive while the VIP is absent', async () => {
    const mem = memoryLogger();
    const watcher = createVipWatcher(h.deps({ log: mem.log }));
    await watcher.start();
    // routerctl renders "lan-vip" as the keepalived instance "lan_vip".
    watcher.handleFifoLine('INSTANCE "lan_vip" FAULT 150');
    await watcher.refresh(false);
    expect(h.last('lan-vip')).toMatchObject({ role: 'backup', evidence: ['kernel:absent', 'keepalived:running', 'fifo:FAULT'], reason: '192.0.2.1 is not on lan0; keepalived reported FAULT' });
    watcher.handleFifoLine('INSTANCE "lan_vip" STOP 150');
    await watcher.refresh(false);
    expect(h.last('lan-vip')).toMatchObject({ role: 'inactive', reason: '192.0.2.1 is not on lan0; keepalived reported STOP' });
    expect(h.last('lan-vip6')?.role).toBe('backup');
    // The resource name itself matches too.
    watcher.handleFifoLine('INSTANCE "lan-vip6" DELETED 150');
    await watcher.refresh(false);
    expect(h.last('lan-vip6')?.role).toBe('inactive');
    // The kernel stays the authority for master.
    h.kernel = IP_ADDR_PRESENT;
    await watcher.refresh(true);
    expect(h.last('lan-vip')).toMatchObject({ role: 'master', reason: '192.0.2.1 is on lan0 although keepalived reported STOP' });
    expect(watcher.counters).toMatchObject({ fifoLines: 3, fifoBad: 0 });
    await watcher.stop();
  });

  it('vip-watcher › a bad FIFO line is logged and counted, never fatal', async () => {
    const mem = memoryLogger();
    const watcher = createVipWatcher(h.deps({ log: mem.log }));
    await watcher.start();
    watcher.handleFifoLine('INSTANCE lan_vip FAULT');
    watcher.handleFifoLine('INSTANCE "other" MASTER 100');
    watcher.handleFifoLine('GROUP "g" MASTER 100');
    await watcher.refresh(false);
    expect(watcher.counters).toMatchObject({ fifoLines: 3, fifoBad: 1, fifoIgnored: 2 });
    expect(mem.messages('warn')).toEqual(['keepalived notify FIFO: expected INSTANCE "<name>" <state> <priority>, found "INSTANCE lan_vip FAULT"']);
    expect(mem.messages('info')).toContain('keepalived instance "other" matches no VirtualAddress; ignored');
    expect(h.last('lan-vip')?.role).toBe('backup');
    await watcher.stop();
  });

  it('vip-watcher › a new keepalived process voids the old one\'s FIFO states', async () => {
    const onKeepalivedCheck = vi.fn();
    const watcher = createVipWatcher(h.deps({ onKeepalivedCheck }));
    await watcher.start();
    watcher.handleFifoLine('INSTANCE "lan_vip" STOP 150');
    await watcher.refresh(false);
    expect(h.last('lan-vip')?.role).toBe('inactive');
    h.keepalived = { state: 'running', pid: 5151 };
    await watcher.refresh(false);
    expect(h.last('lan-vip')).toMatchObject({ role: 'backup', evidence: ['kernel:absent', 'keepalived:running'] });
    expect(onKeepalivedCheck).toHaveBeenCalledWith(true);
    h.keepalived = { state: 'stopped', detail: 'no pid file /run/keepalived.pid' };
    await watcher.refresh(false);
    expect(h.last('lan-vip')).toMatchObject({ role: 'inactive', reason: '192.0.2.1 is not on lan0 and keepalived is not running (no pid file /run/keepalived.pid)' });
    await watcher.stop();
  });

  it('vip-watcher › reload applies the new set of VirtualAddresses', async () => {
    const watcher = createVipWatcher(h.deps());
    await watcher.start();
    await watcher.reload(configWith([{ name: 'lan-vip', address: '192.0.2.1' }, { name: 'wan-vip', address: '198.51.100.1', ifname: 'wan0' }]));
    expect(watcher.events().map((e) => [e.name, e.role, e.address])).toEqual([
      ['lan-vip', 'backup', '192.0.2.1'],
      ['wan-vip', 'unknown', '198.51.100.1'],
    ]);
    expect(h.last('wan-vip')?.reason).toBe('interface "wan0" (Interface/if-wan0) does not exist');
    const before = h.published.length;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.published.slice(before).map((p) => p.subject)).toEqual(['routerd.r1.vip.lan-vip', 'routerd.r1.vip.wan-vip']);
    await watcher.stop();
  });

  it('vip-watcher › a publish that fails is logged and counted', async () => {
    const mem = memoryLogger();
    const watcher = createVipWatcher(
      h.deps({
        log: mem.log,
        publish: () => {
          throw new Error('connection closed');
        },
      }),
    );
    await watcher.start();
    expect(watcher.counters.publishErrors).toBe(2);
    expect(mem.messages('error')[0]).toBe('cannot publish the role of lan-vip: connection closed');
    await watcher.stop();
  });
});
