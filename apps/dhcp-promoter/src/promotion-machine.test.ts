import type { VirtualAddressRole } from '@routerd/model';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPromotionMachine, type PromotionMachine } from './promotion-machine.js';
import type { PromotionPlan } from './promotion-plan.js';
import { fakeClock, fakeExec, memoryLogger, T0, type FakeClock, type FakeExec } from './testing/fakes.js';

const HB = 2000;
const PLAN: PromotionPlan = {
  name: 'lan-dhcp',
  virtualAddress: 'lan-vip',
  servers: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }],
  start: ['start'],
  stop: ['stop'],
  checkIntervalMs: 10_000,
  settleMs: 1000,
};

describe('dhcp-promoter › promotion machine', () => {
  let clock: FakeClock;
  let exec: FakeExec;
  let machine: PromotionMachine;
  let changes: number;

  function make(plan: Partial<PromotionPlan> = {}): PromotionMachine {
    changes = 0;
    machine = createPromotionMachine({
      plan: { ...PLAN, ...plan },
      exec: exec.run,
      clock,
      log: memoryLogger().log,
      random: () => 0.5,
      onChange: () => void (changes += 1),
    });
    machine.start();
    return machine;
  }
  const role = (r: VirtualAddressRole) => machine.role({ role: r, heartbeatMs: HB, receivedAt: clock.monotonic() });
  const phase = () => machine.status().phase;
  /** `r` as the vip-watcher sends it: now and every heartbeat for `ms`. */
  const holdRole = async (r: VirtualAddressRole, ms: number) => {
    for (let t = 0; t < ms; t += HB) {
      role(r);
      await clock.advance(Math.min(HB, ms - t));
    }
    role(r);
  };

  beforeEach(() => {
    clock = fakeClock();
    exec = fakeExec();
  });

  it('dhcp-promoter › before the first role nothing runs: phase Unknown, reason WaitingForRole', async () => {
    make();
    await clock.advance(30_000);
    expect(exec.lines()).toEqual([]);
    expect(machine.status()).toEqual({
      name: 'lan-dhcp',
      virtualAddress: 'lan-vip',
      role: 'unknown',
      phase: 'Unknown',
      reason: 'WaitingForRole',
      message: 'no role of VirtualAddress/lan-vip received yet; the DHCP server is left as it is',
      servers: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }],
      lastTransitionAt: new Date(T0).toISOString(),
    });
  });

  it('dhcp-promoter › fresh master: waits settle, then start → Serving with the command in the status', async () => {
    make();
    role('master');
    expect(machine.status()).toMatchObject({ phase: 'Unknown', reason: 'Settling' });
    await clock.advance(999);
    expect(exec.lines()).toEqual([]);
    await clock.advance(1);
    expect(exec.lines()).toEqual(['start']);
    expect(machine.status()).toMatchObject({ role: 'master', phase: 'Serving', lastCommand: { argv: ['start'], exitCode: 0, output: '', durationMs: 5 } });
    expect(machine.status().reason).toBeUndefined();
    expect(machine.status().lastTransitionAt).toBe(new Date(T0 + 1000).toISOString());
    expect(changes).toBeGreaterThan(0);
    // Heartbeats of the same role change nothing.
    role('master');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['start']);
  });

  it('dhcp-promoter › settle re-checks the role: backup or unknown during settle starts nothing', async () => {
    make();
    role('master');
    await clock.advance(500);
    role('backup');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['stop']);
    expect(phase()).toBe('Stopped');

    role('master');
    await clock.advance(500);
    role('unknown');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['stop']);
    expect(machine.status()).toMatchObject({ phase: 'Stopped', reason: 'RoleUnknown' });
  });

  it('dhcp-promoter › backup and inactive stop at once → Stopped; a stopped server is not stopped again', async () => {
    make();
    role('backup');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['stop']);
    expect(machine.status()).toMatchObject({ role: 'backup', phase: 'Stopped' });
    role('inactive');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['stop']);
    expect(machine.status()).toMatchObject({ role: 'inactive', phase: 'Stopped' });

    make();
    role('inactive');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['stop', 'stop']);
  });

  it('dhcp-promoter › master → backup → master: stop, then a new settle and start (the new mastership reloads the synced file)', async () => {
    make();
    role('master');
    await clock.advance(1000);
    role('backup');
    await clock.advance(0);
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['start', 'stop', 'start']);
    expect(phase()).toBe('Serving');
  });

  it('dhcp-promoter › unknown role does nothing to the server: phase unchanged, the reason says so', async () => {
    make();
    role('master');
    await clock.advance(1000);
    await holdRole('unknown', 60_000);
    expect(exec.lines()).toEqual(['start']);
    expect(machine.status()).toMatchObject({
      role: 'master',
      phase: 'Serving',
      reason: 'RoleUnknown',
      message: 'the vip-watcher reports VirtualAddress/lan-vip as unknown; the DHCP server is left as it is',
    });
    // The same master again is the same mastership: no restart.
    role('master');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['start']);
    expect(machine.status().reason).toBeUndefined();
  });

  it('dhcp-promoter › a stale role (3 heartbeats missed) does nothing, on the master and on the backup', async () => {
    make();
    role('master');
    await clock.advance(1000);
    await clock.advance(3 * HB);
    expect(machine.status()).toMatchObject({ phase: 'Serving', reason: 'RoleStale' });
    expect(machine.status().message).toBe(
      'the role of VirtualAddress/lan-vip was last heard 6001 ms ago (3 heartbeats of 2000 ms missed), so it is unknown; the DHCP server is left as it is',
    );
    role('backup');
    await clock.advance(10 * HB);
    expect(exec.lines()).toEqual(['start', 'stop']);
    expect(machine.status()).toMatchObject({ phase: 'Stopped', reason: 'RoleStale' });
    // An old event (received long ago) is not acted on either.
    machine.role({ role: 'master', heartbeatMs: HB, receivedAt: clock.monotonic() - 7000 });
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['start', 'stop']);
  });

  it('dhcp-promoter › a failed start → Error, retried with backoff while master; the retry does not wait for settle again', async () => {
    make();
    exec.answer = () => 1;
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['start']);
    expect(machine.status()).toMatchObject({
      phase: 'Error',
      reason: 'StartFailed',
      message: 'start exited with 1; retrying in 1000 ms while master',
      lastCommand: { argv: ['start'], exitCode: 1 },
      nextAttemptAt: new Date(T0 + 2000).toISOString(),
    });
    await clock.advance(999);
    expect(exec.lines()).toHaveLength(1);
    await clock.advance(1);
    expect(exec.lines()).toEqual(['start', 'start']);
    expect(machine.status().message).toBe('start exited with 1; retrying in 2000 ms while master');
    exec.answer = () => 0;
    role('master');
    await clock.advance(2000);
    expect(exec.lines()).toEqual(['start', 'start', 'start']);
    expect(machine.status()).toMatchObject({ phase: 'Serving' });
    expect(machine.status().nextAttemptAt).toBeUndefined();
  });

  it('dhcp-promoter › a start that cannot run says why; backup cancels its retry and stops at once', async () => {
    make();
    exec.answer = () => undefined;
    role('master');
    await clock.advance(1000);
    expect(machine.status().message).toBe('start could not run: spawn ENOENT; retrying in 1000 ms while master');
    exec.answer = () => 0;
    role('backup');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['start', 'stop']);
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['start', 'stop']);
    expect(phase()).toBe('Stopped');
  });

  it('dhcp-promoter › a failed stop → Error StopFailed, retried while backup', async () => {
    make();
    exec.answer = () => 5;
    role('backup');
    await clock.advance(0);
    expect(machine.status()).toMatchObject({ phase: 'Error', reason: 'StopFailed', message: 'stop exited with 5; retrying in 1000 ms while backup' });
    exec.answer = () => 0;
    role('backup');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['stop', 'stop']);
    expect(phase()).toBe('Stopped');
  });

  it('dhcp-promoter › one command at a time: roles that arrive while one runs are acted on after it, in order', async () => {
    make();
    exec.hold = true;
    role('master');
    await clock.advance(1000);
    expect(phase()).toBe('Starting');
    role('backup');
    role('inactive');
    await clock.advance(100);
    expect(exec.inFlight()).toBe(1);
    expect(exec.lines()).toEqual(['start']);
    exec.calls[0]?.finish(0);
    await clock.advance(0);
    expect(exec.lines()).toEqual(['start', 'stop']);
    expect(machine.status()).toMatchObject({ phase: 'Stopping', role: 'inactive' });
    role('master');
    await clock.advance(5000);
    expect(exec.inFlight()).toBe(1);
    exec.calls[1]?.finish(0);
    await clock.advance(999);
    expect(exec.lines()).toEqual(['start', 'stop']);
    await clock.advance(1);
    expect(exec.lines()).toEqual(['start', 'stop', 'start']);
    exec.calls[2]?.finish(0);
    await clock.advance(0);
    expect(phase()).toBe('Serving');
    expect(exec.calls.every((c) => c.options.deadlineMs === 30_000)).toBe(true);
  });

  it('dhcp-promoter › at start, check tells the state: a running server on the master is kept (no restart)', async () => {
    make({ check: ['check'] });
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check']);
    expect(machine.status()).toMatchObject({ phase: 'Serving', reason: 'WaitingForRole' });
    role('master');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['check']);
    expect(machine.status()).toMatchObject({ phase: 'Serving', role: 'master' });
  });

  it('dhcp-promoter › at start, check tells the state: a stopped server on the backup is left stopped, on the master started', async () => {
    exec.answer = (argv) => (argv[0] === 'check' ? 3 : 0);
    make({ check: ['check'] });
    role('backup');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check']);
    expect(phase()).toBe('Stopped');

    make({ check: ['check'] });
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'check', 'start']);
    expect(phase()).toBe('Serving');
  });

  it('dhcp-promoter › the check loop starts a server that died while master, and stops one running while backup', async () => {
    let serverRuns = true;
    exec.answer = (argv) => (argv[0] === 'check' ? (serverRuns ? 0 : 3) : 0);
    make({ check: ['check'] });
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check']);
    serverRuns = false;
    await holdRole('master', 9000);
    expect(exec.lines()).toEqual(['check', 'check', 'start']);
    expect(machine.status()).toMatchObject({ phase: 'Serving', lastCommand: { argv: ['start'] } });

    role('backup');
    await clock.advance(0);
    expect(exec.lines().at(-1)).toBe('stop');
    serverRuns = true;
    await holdRole('backup', 10_000);
    expect(exec.lines().slice(-2)).toEqual(['check', 'stop']);
    expect(phase()).toBe('Stopped');
  });

  it('dhcp-promoter › the check loop leaves the server alone while the role is unknown; a check that cannot run changes nothing', async () => {
    exec.answer = (argv) => (argv[0] === 'check' ? 3 : 0);
    make({ check: ['check'] });
    role('master');
    await clock.advance(1000);
    await holdRole('unknown', 60_000);
    expect(exec.lines()).toEqual(['check', 'start']);

    exec.answer = (argv) => (argv[0] === 'check' ? undefined : 0);
    await holdRole('master', 10_000);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    expect(machine.status()).toMatchObject({ phase: 'Serving', reason: 'CheckFailed', message: "check could not run: spawn ENOENT; the server's state is not known from it" });
  });

  it('dhcp-promoter › stop lets a running command finish within the bound, else aborts it; it never runs stop', async () => {
    make();
    exec.hold = true;
    role('master');
    await clock.advance(1000);
    const stopping = machine.stop(5000);
    await clock.advance(4000);
    exec.calls[0]?.finish(0);
    await stopping;
    expect(exec.lines()).toEqual(['start']);

    exec.calls.length = 0;
    make();
    role('backup');
    await clock.advance(0);
    const aborting = machine.stop(5000);
    await clock.advance(5000);
    await aborting;
    expect(exec.calls[0]?.options.signal.aborted).toBe(true);
    role('master');
    await clock.advance(10_000);
    expect(exec.lines()).toEqual(['stop']);
  });

  it('dhcp-promoter › reconfigure to another VIP forgets the old role and waits for the new one', async () => {
    make();
    role('master');
    await clock.advance(1000);
    machine.reconfigure({ ...PLAN, virtualAddress: 'other-vip', start: ['start2'] });
    expect(machine.status()).toMatchObject({ virtualAddress: 'other-vip', phase: 'Serving', reason: 'WaitingForRole' });
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['start', 'start2']);
  });
});
