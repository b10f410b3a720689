// Fault 6 of issue 9: a heartbeat vouches for a kernel read made for it, never for a role remembered
// from an event `ip monitor` may have missed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpAddrError, parseIpAddrJson, type InterfaceAddresses } from '@routerd/agent';
import { coreHarness, type CoreHarness } from './testing/core-harness.js';
import { IP_ADDR_ABSENT, IP_ADDR_PRESENT, memoryLogger, tempDir } from './testing/fixtures.js';
import { createVipWatcher } from './vip-watcher.js';

describe('vip-watcher › heartbeat', () => {
  let dir: ReturnType<typeof tempDir>;
  let h: CoreHarness;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
    dir = tempDir();
    h = coreHarness(dir.path);
  });
  afterEach(() => {
    vi.useRealTimers();
    dir.remove();
  });

  it('vip-watcher › every heartbeat re-reads the kernel: a change no monitor reported is published within one heartbeat', async () => {
    h.kernel = IP_ADDR_PRESENT;
    const watcher = createVipWatcher(h.deps({ heartbeatMs: 2_000 }));
    await watcher.start();
    expect(h.last('lan-vip')?.role).toBe('master');
    expect(h.reads).toBe(1);
    // The VIP leaves; nothing calls refresh(), as when `ip monitor` misses the event.
    h.kernel = IP_ADDR_ABSENT;
    await vi.advanceTimersByTimeAsync(1_999);
    expect(h.last('lan-vip')?.role).toBe('master');
    await vi.advanceTimersByTimeAsync(1);
    expect(h.last('lan-vip')).toMatchObject({ role: 'backup', evidence: ['kernel:absent', 'keepalived:running'] });
    expect(h.reads).toBe(2);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(h.reads).toBe(5);
    await watcher.stop();
  });

  it('vip-watcher › a heartbeat whose kernel read fails publishes unknown with the reason, never the remembered master', async () => {
    h.kernel = IP_ADDR_PRESENT;
    const mem = memoryLogger();
    const watcher = createVipWatcher(h.deps({ log: mem.log }));
    await watcher.start();
    const before = h.published.length;
    h.kernel = new IpAddrError('ip -j addr show exited with code 1: Cannot open netlink socket');
    await vi.advanceTimersByTimeAsync(4_000);
    const beats = h.published.slice(before).map((p) => [p.event.name, p.event.role]);
    expect(beats).toEqual([
      ['lan-vip', 'unknown'],
      ['lan-vip6', 'unknown'],
      ['lan-vip', 'unknown'],
      ['lan-vip6', 'unknown'],
    ]);
    expect(h.last('lan-vip')).toMatchObject({ evidence: ['kernel:unknown', 'keepalived:running'], reason: 'ip -j addr show exited with code 1: Cannot open netlink socket' });
    // Logged once, not once per heartbeat; the transition to unknown is a warning too.
    expect(mem.messages('warn')).toEqual([
      "cannot read the kernel's addresses: ip -j addr show exited with code 1: Cannot open netlink socket",
      'lan-vip: master → unknown (ip -j addr show exited with code 1: Cannot open netlink socket)',
      'lan-vip6: master → unknown (ip -j addr show exited with code 1: Cannot open netlink socket)',
    ]);
    h.kernel = IP_ADDR_PRESENT;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.last('lan-vip')?.role).toBe('master');
    expect(mem.messages('info')).toContain("the kernel's addresses are readable again");
    await watcher.stop();
  });

  it('vip-watcher › while a kernel read hangs, no heartbeat is published from memory', async () => {
    h.kernel = IP_ADDR_PRESENT;
    let release: (value: InterfaceAddresses) => void = () => undefined;
    const base = h.deps();
    let hang = false;
    const watcher = createVipWatcher({
      ...base,
      readAddresses: () => (hang ? new Promise<InterfaceAddresses>((resolve) => (release = resolve)) : base.readAddresses()),
    });
    await watcher.start();
    const before = h.published.length;
    hang = true;
    await vi.advanceTimersByTimeAsync(10_000);
    // Subscribers see the last master age and turn it unknown after 3 missed heartbeats.
    expect(h.published.length).toBe(before);
    hang = false;
    h.kernel = IP_ADDR_ABSENT;
    release(parseIpAddrJson(IP_ADDR_ABSENT));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.last('lan-vip')).toMatchObject({ role: 'backup', evidence: ['kernel:absent', 'keepalived:running'] });
    await watcher.stop();
  });

  it('vip-watcher › the notify FIFO is checked every fifoCheckMs', async () => {
    const onKeepalivedCheck = vi.fn();
    const watcher = createVipWatcher(h.deps({ fifoCheckMs: 30_000, onKeepalivedCheck }));
    await watcher.start();
    onKeepalivedCheck.mockClear();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(onKeepalivedCheck).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onKeepalivedCheck).toHaveBeenCalledExactlyOnceWith(false);
    await watcher.stop();
  });
});
