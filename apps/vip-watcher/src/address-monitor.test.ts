import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAddressMonitor, type AddressMonitor } from './address-monitor.js';
import { FAKE_IP_BIN, fakeIpDir, memoryLogger } from './testing/fixtures.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('vip-watcher › address monitor', () => {
  let fake: ReturnType<typeof fakeIpDir>;
  let monitor: AddressMonitor | undefined;
  beforeEach(() => {
    fake = fakeIpDir();
    vi.stubEnv('FAKE_IP_DIR', fake.path);
    vi.stubEnv('PATH', `${FAKE_IP_BIN}:${process.env.PATH ?? ''}`);
  });
  afterEach(async () => {
    await monitor?.stop();
    monitor = undefined;
    vi.unstubAllEnvs();
    fake.remove();
  });

  const pids = () => readFileSync(join(fake.path, 'monitor-pids'), 'utf8').trim().split('\n').map(Number);

  it('vip-watcher › every monitor line is a change; stop leaves no process behind', async () => {
    const { log } = memoryLogger();
    const lines: string[] = [];
    const onStart = vi.fn();
    monitor = createAddressMonitor({ ipCommand: ['ip', '-n', 'ns1'], log, onChange: (l) => lines.push(l), onStart });
    monitor.start();
    await vi.waitFor(() => expect(onStart).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(pids()).toHaveLength(1));
    // Give tail a moment to watch the file before it grows.
    await new Promise((r) => setTimeout(r, 200));
    appendFileSync(join(fake.path, 'monitor'), '3: lan0    inet 192.0.2.1/32 scope global lan0\\       valid_lft forever preferred_lft forever\n');
    await vi.waitFor(() => expect(lines).toEqual(['3: lan0    inet 192.0.2.1/32 scope global lan0\\       valid_lft forever preferred_lft forever']));
    expect(readFileSync(join(fake.path, 'calls'), 'utf8')).toBe('-n ns1 -o monitor address\n');
    expect(monitor.running).toBe(true);
    const [pid] = pids();
    await monitor.stop();
    expect(monitor.running).toBe(false);
    expect(alive(pid as number)).toBe(false);
  });

  it('vip-watcher › a monitor that dies is restarted with backoff and logged', async () => {
    writeFileSync(join(fake.path, 'monitor-exit'), '2');
    const mem = memoryLogger();
    const onStart = vi.fn();
    monitor = createAddressMonitor({ ipCommand: ['ip'], log: mem.log, onChange: () => {}, onStart, backoff: { initialMs: 20, maxMs: 80, resetAfterMs: 10_000 } });
    monitor.start();
    await vi.waitFor(() => expect(monitor?.restarts).toBeGreaterThanOrEqual(4), { timeout: 3_000 });
    const warnings = mem.lines().filter((l) => l.level === 'warn');
    expect(warnings[0]).toMatchObject({ msg: 'ip monitor exited with code 2; restarting in 20 ms', stderr: 'fake ip: monitor failed', restartInMs: 20 });
    expect(warnings.slice(0, 4).map((w) => w['restartInMs'])).toEqual([20, 40, 80, 80]);
    // Once it works again it stays up, and onStart says "re-read, you may have missed changes".
    const startsBefore = onStart.mock.calls.length;
    (await import('node:fs')).rmSync(join(fake.path, 'monitor-exit'));
    await vi.waitFor(() => expect(monitor?.running).toBe(true), { timeout: 3_000 });
    expect(onStart.mock.calls.length).toBeGreaterThan(startsBefore);
  });

  it('vip-watcher › a missing ip binary is retried, never thrown', async () => {
    const mem = memoryLogger();
    monitor = createAddressMonitor({ ipCommand: ['/nonexistent/ip'], log: mem.log, onChange: () => {}, onStart: () => {}, backoff: { initialMs: 10, maxMs: 10, resetAfterMs: 10_000 } });
    monitor.start();
    await vi.waitFor(() => expect(monitor?.restarts).toBeGreaterThanOrEqual(2));
    expect(mem.messages('warn')[0]).toBe('ip monitor could not start (spawn /nonexistent/ip ENOENT); restarting in 10 ms');
  });
});
