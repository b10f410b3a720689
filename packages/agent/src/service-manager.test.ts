import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { createServiceManager, watchdogPeriodMs, type Every, type NotifyExec } from './service-manager.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ name: 'routerd-test', node: 'r1', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { lines, log };
}

/** Records each systemd-notify run; `fail` makes the runs reject, `hold` keeps them pending until released. */
function fakeExec(options: { fail?: string } = {}) {
  const runs: { args: readonly string[]; socket: string }[] = [];
  const pending: (() => void)[] = [];
  let hold = false;
  const exec: NotifyExec = (args, socket) => {
    runs.push({ args, socket });
    if (options.fail !== undefined) return Promise.reject(new Error(options.fail));
    if (!hold) return Promise.resolve();
    return new Promise<void>((resolve) => pending.push(resolve));
  };
  return {
    exec,
    runs,
    hold: () => void (hold = true),
    release: () => pending.splice(0).forEach((resolve) => resolve()),
  };
}

/** A timer the test fires by hand. */
function fakeEvery() {
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const every: Every = (fn, ms) => {
    const timer = { fn, ms, cleared: false };
    timers.push(timer);
    return () => void (timer.cleared = true);
  };
  return { every, timers };
}

const SOCKET = '/run/systemd/notify';

describe('service manager (systemd notify)', () => {
  it('service manager › none without NOTIFY_SOCKET: nothing is ever run', () => {
    const { log } = capture();
    const { exec, runs } = fakeExec();
    expect(createServiceManager({ env: {}, pid: 42, log, exec })).toBeUndefined();
    expect(createServiceManager({ env: { NOTIFY_SOCKET: '', WATCHDOG_USEC: '30000000' }, pid: 42, log, exec })).toBeUndefined();
    expect(runs).toEqual([]);
  });

  it('service manager › READY with a status and STOPPING are systemd-notify runs on the given socket', async () => {
    const { log } = capture();
    const { exec, runs } = fakeExec();
    const manager = createServiceManager({ env: { NOTIFY_SOCKET: SOCKET }, pid: 42, log, exec });
    await expect(manager?.ready('routerd-test: serving on NATS')).resolves.toBe(true);
    await expect(manager?.stopping()).resolves.toBe(true);
    expect(runs).toEqual([
      { args: ['--ready', '--status=routerd-test: serving on NATS'], socket: SOCKET },
      { args: ['STOPPING=1'], socket: SOCKET },
    ]);
  });

  it('service manager › a failed notification is a warning naming the command and resolves false, never a throw', async () => {
    const { log, lines } = capture();
    const { exec } = fakeExec({ fail: 'systemd-notify --ready failed: spawn systemd-notify ENOENT' });
    const manager = createServiceManager({ env: { NOTIFY_SOCKET: SOCKET }, pid: 42, log, exec });
    await expect(manager?.ready('up')).resolves.toBe(false);
    expect(lines.at(-1)).toMatchObject({ level: 'warn', msg: 'systemd-notify --ready failed: spawn systemd-notify ENOENT' });
  });

  it('service manager › the watchdog is fed at once, then every half of WATCHDOG_USEC, until stopped', async () => {
    const { log } = capture();
    const { exec, runs } = fakeExec();
    const { every, timers } = fakeEvery();
    const manager = createServiceManager({ env: { NOTIFY_SOCKET: SOCKET, WATCHDOG_USEC: '30000000', WATCHDOG_PID: '42' }, pid: 42, log, exec, every });
    expect(manager?.watchdogMs).toBe(30_000);
    const stop = manager?.startWatchdog();
    expect(timers).toEqual([expect.objectContaining({ ms: 15_000, cleared: false })]);
    await new Promise((resolve) => setImmediate(resolve));
    timers[0]?.fn();
    expect(runs.map((run) => run.args)).toEqual([['WATCHDOG=1'], ['WATCHDOG=1']]);
    stop?.();
    expect(timers[0]?.cleared).toBe(true);
  });

  it('service manager › one keepalive in flight at most: a tick while systemd-notify still runs is skipped', async () => {
    const { log } = capture();
    const fake = fakeExec();
    const { every, timers } = fakeEvery();
    const manager = createServiceManager({ env: { NOTIFY_SOCKET: SOCKET, WATCHDOG_USEC: '2000000' }, pid: 42, log, exec: fake.exec, every });
    fake.hold();
    manager?.startWatchdog();
    timers[0]?.fn();
    timers[0]?.fn();
    expect(fake.runs).toHaveLength(1);
    fake.release();
    await new Promise((resolve) => setImmediate(resolve));
    timers[0]?.fn();
    expect(fake.runs).toHaveLength(2);
  });

  it('service manager › no watchdog for another process (WATCHDOG_PID) or without WATCHDOG_USEC', () => {
    const { log } = capture();
    const { exec, runs } = fakeExec();
    const { every, timers } = fakeEvery();
    const other = createServiceManager({ env: { NOTIFY_SOCKET: SOCKET, WATCHDOG_USEC: '30000000', WATCHDOG_PID: '7' }, pid: 42, log, exec, every });
    expect(other?.watchdogMs).toBeUndefined();
    other?.startWatchdog()();
    createServiceManager({ env: { NOTIFY_SOCKET: SOCKET }, pid: 42, log, exec, every })?.startWatchdog()();
    expect(timers).toEqual([]);
    expect(runs).toEqual([]);
  });

  it('service manager › a malformed WATCHDOG_USEC is reported with what was found, and no watchdog is guessed', () => {
    expect(watchdogPeriodMs({ WATCHDOG_USEC: '30s' }, 42)).toEqual({
      ms: undefined,
      problem: 'WATCHDOG_USEC: expected a positive integer of microseconds, found "30s"; no watchdog',
    });
    expect(watchdogPeriodMs({ WATCHDOG_USEC: '0' }, 42).ms).toBeUndefined();
    expect(watchdogPeriodMs({ WATCHDOG_USEC: '500000', WATCHDOG_PID: '' }, 42)).toEqual({ ms: 500 });
    const { log, lines } = capture();
    createServiceManager({ env: { NOTIFY_SOCKET: SOCKET, WATCHDOG_USEC: '-1' }, pid: 42, log });
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', watchdogUsec: '-1', msg: expect.stringContaining('found "-1"') })]);
  });
});
