// The promotion machine through its driver, on a fake clock and exec: failed commands and their
// backoff, one command at a time, stopping the agent, reconfiguring.
import { beforeEach, describe, expect, it } from 'vitest';
import { T0 } from './testing/fakes.js';
import { PLAN, driver } from './testing/machine.js';

describe('dhcp-promoter › promotion machine', () => {
  let t: ReturnType<typeof driver>;
  beforeEach(() => {
    t = driver();
  });

  it('dhcp-promoter › a failed start → Error, retried with backoff while master; the retry does not wait for settle again', async () => {
    const { clock, exec, make, role, status } = t;
    make();
    exec.answer = () => 1;
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'start']);
    expect(status()).toMatchObject({
      phase: 'Error',
      reason: 'StartFailed',
      message: 'start exited with 1; retrying in 1000 ms while master',
      lastCommand: { argv: ['start'], exitCode: 1 },
      nextAttemptAt: new Date(T0 + 2000).toISOString(),
    });
    await clock.advance(999);
    expect(exec.lines()).toHaveLength(2);
    await clock.advance(1);
    expect(exec.lines()).toEqual(['check', 'start', 'start']);
    expect(status().message).toBe('start exited with 1; retrying in 2000 ms while master');
    exec.answer = () => 0;
    role('master');
    await clock.advance(2000);
    expect(exec.lines()).toEqual(['check', 'start', 'start', 'start', 'check']);
    expect(status()).toMatchObject({ phase: 'Serving' });
    expect(status().nextAttemptAt).toBeUndefined();
  });

  it('dhcp-promoter › a start that cannot run says why; backup cancels its retry and stops at once', async () => {
    const { clock, exec, make, role, status, phase } = t;
    make();
    exec.answer = () => undefined;
    role('master');
    await clock.advance(1000);
    expect(status().message).toBe('start could not run: spawn ENOENT; retrying in 1000 ms while master');
    exec.answer = () => 0;
    role('backup');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check', 'start', 'stop']);
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['check', 'start', 'stop']);
    expect(phase()).toBe('Stopped');
  });

  it('dhcp-promoter › a failed stop → Error StopFailed, retried while backup', async () => {
    const { clock, exec, make, role, status, phase, server } = t;
    server.running = true;
    make();
    await clock.advance(0);
    exec.answer = () => 5;
    role('backup');
    await clock.advance(0);
    expect(status()).toMatchObject({ phase: 'Error', reason: 'StopFailed', message: 'stop exited with 5; retrying in 1000 ms while backup' });
    exec.answer = () => 0;
    role('backup');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'stop', 'stop']);
    expect(phase()).toBe('Stopped');
  });

  it('dhcp-promoter › one command at a time: roles that arrive while one runs are acted on after it, in order', async () => {
    const { clock, exec, make, role, status, phase } = t;
    make();
    exec.hold = true;
    role('master');
    await clock.advance(1000);
    expect(phase()).toBe('Starting');
    role('backup');
    role('inactive');
    await clock.advance(100);
    expect(exec.inFlight()).toBe(1);
    expect(exec.lines()).toEqual(['check', 'start']);
    exec.calls[1]?.finish(0);
    await clock.advance(0);
    // The start's first check comes before the roles that waited.
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    expect(status()).toMatchObject({ phase: 'Starting', role: 'master' });
    exec.calls[2]?.finish(0);
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check', 'start', 'check', 'stop']);
    expect(status()).toMatchObject({ phase: 'Stopping', role: 'inactive' });
    role('master');
    await clock.advance(5000);
    expect(exec.inFlight()).toBe(1);
    exec.calls[3]?.finish(0);
    await clock.advance(999);
    expect(exec.lines()).toEqual(['check', 'start', 'check', 'stop']);
    await clock.advance(1);
    expect(exec.lines()).toEqual(['check', 'start', 'check', 'stop', 'start']);
    exec.calls[4]?.finish(0);
    await clock.advance(0);
    expect(phase()).toBe('Starting');
    exec.calls[5]?.finish(0);
    await clock.advance(0);
    expect(phase()).toBe('Serving');
    expect(exec.calls.every((c) => c.options.deadlineMs === 30_000)).toBe(true);
  });

  it('dhcp-promoter › stop lets a running command finish within the bound, else aborts it; it never runs stop', async () => {
    const { clock, exec, make, role, server } = t;
    let machine = make();
    exec.hold = true;
    role('master');
    await clock.advance(1000);
    const stopping = machine.stop(5000);
    await clock.advance(4000);
    exec.calls[1]?.finish(0);
    await stopping;
    // Halted: not even the start's first check runs.
    expect(exec.lines()).toEqual(['check', 'start']);

    exec.calls.length = 0;
    exec.hold = false;
    server.running = true;
    machine = make();
    await clock.advance(0);
    exec.hold = true;
    role('backup');
    await clock.advance(0);
    const aborting = machine.stop(5000);
    await clock.advance(5000);
    await aborting;
    expect(exec.calls[1]?.options.signal.aborted).toBe(true);
    role('master');
    await clock.advance(10_000);
    expect(exec.lines()).toEqual(['check', 'stop']);
  });

  it('dhcp-promoter › reconfigure to another VIP forgets the old role and waits for the new one', async () => {
    const { clock, exec, make, role, status } = t;
    const machine = make();
    role('master');
    await clock.advance(1000);
    machine.reconfigure({ ...PLAN, virtualAddress: 'other-vip', start: ['start2'] });
    expect(status()).toMatchObject({ virtualAddress: 'other-vip', phase: 'Serving', reason: 'WaitingForRole' });
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'start', 'check', 'start2', 'check']);
  });
});
