// The promotion machine through its driver, on a fake clock and exec: how it follows the role
// (settle, start, stop; unknown and stale leave the server as it is).
import { beforeEach, describe, expect, it } from 'vitest';
import { T0 } from './testing/fakes.js';
import { HB, driver } from './testing/machine.js';

describe('dhcp-promoter › promotion machine', () => {
  let t: ReturnType<typeof driver>;
  beforeEach(() => {
    t = driver();
  });

  it('dhcp-promoter › before the first role nothing is started or stopped: a first check that cannot tell leaves phase Unknown, reason WaitingForRole', async () => {
    const { clock, exec, make, status } = t;
    exec.answer = () => undefined;
    make();
    await clock.advance(30_000);
    expect(exec.lines()).toEqual(['check']);
    expect(status()).toEqual({
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

  it('dhcp-promoter › fresh master: waits settle, then start and its first check → Serving with the command in the status', async () => {
    const { clock, exec, make, role, status, changes } = t;
    make();
    role('master');
    // The first check runs: the role waits for it.
    expect(status()).toMatchObject({ phase: 'Unknown', reason: 'WaitingForRole' });
    await clock.advance(0);
    expect(status()).toMatchObject({ phase: 'Stopped', reason: 'Settling' });
    await clock.advance(999);
    expect(exec.lines()).toEqual(['check']);
    await clock.advance(1);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    expect(status()).toMatchObject({ role: 'master', phase: 'Serving', lastCommand: { argv: ['start'], exitCode: 0, output: '', durationMs: 5 } });
    expect(status().reason).toBeUndefined();
    expect(status().lastTransitionAt).toBe(new Date(T0 + 1000).toISOString());
    expect(changes()).toBeGreaterThan(0);
    // Heartbeats of the same role change nothing.
    role('master');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
  });

  it('dhcp-promoter › settle re-checks the role: backup or unknown during settle starts nothing', async () => {
    const { clock, exec, make, role, status, phase } = t;
    make();
    await clock.advance(0);
    role('master');
    await clock.advance(500);
    role('backup');
    await clock.advance(5000);
    // The first check found it stopped: nothing to stop either.
    expect(exec.lines()).toEqual(['check']);
    expect(phase()).toBe('Stopped');

    role('master');
    await clock.advance(500);
    role('unknown');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['check']);
    expect(status()).toMatchObject({ phase: 'Stopped', reason: 'RoleUnknown' });
  });

  it('dhcp-promoter › backup and inactive stop at once → Stopped; a stopped server is not stopped again', async () => {
    const { clock, exec, make, role, status, server } = t;
    server.running = true;
    make();
    role('backup');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check', 'stop']);
    expect(status()).toMatchObject({ role: 'backup', phase: 'Stopped' });
    role('inactive');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check', 'stop']);
    expect(status()).toMatchObject({ role: 'inactive', phase: 'Stopped' });

    server.running = true;
    make();
    role('inactive');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check', 'stop', 'check', 'stop']);
  });

  it('dhcp-promoter › master → backup → master: stop, then a new settle and start (the new mastership reloads the synced file)', async () => {
    const { clock, exec, make, role, phase } = t;
    make();
    await clock.advance(0);
    role('master');
    await clock.advance(1000);
    role('backup');
    await clock.advance(0);
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'start', 'check', 'stop', 'start', 'check']);
    expect(phase()).toBe('Serving');
  });

  it('dhcp-promoter › unknown role does nothing to the server: phase unchanged, the reason says so', async () => {
    const { clock, exec, make, role, status, holdRole } = t;
    make();
    await clock.advance(0);
    role('master');
    await clock.advance(1000);
    await holdRole('unknown', 60_000);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    expect(status()).toMatchObject({
      role: 'master',
      phase: 'Serving',
      reason: 'RoleUnknown',
      message: 'the vip-watcher reports VirtualAddress/lan-vip as unknown; the DHCP server is left as it is',
    });
    // The same master again is the same mastership: no restart.
    role('master');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
    expect(status().reason).toBeUndefined();
  });

  it('dhcp-promoter › a stale role (3 heartbeats missed) does nothing, on the master and on the backup', async () => {
    const { clock, exec, make, role, status } = t;
    const machine = make();
    await clock.advance(0);
    role('master');
    await clock.advance(1000);
    await clock.advance(3 * HB);
    expect(status()).toMatchObject({ phase: 'Serving', reason: 'RoleStale' });
    expect(status().message).toBe(
      'the role of VirtualAddress/lan-vip was last heard 6001 ms ago (3 heartbeats of 2000 ms missed), so it is unknown; the DHCP server is left as it is',
    );
    role('backup');
    await clock.advance(10 * HB);
    // The loop checked the fresh backup once (at 10 s), before its role went stale too.
    expect(exec.lines()).toEqual(['check', 'start', 'check', 'stop', 'check']);
    expect(status()).toMatchObject({ phase: 'Stopped', reason: 'RoleStale' });
    // An old event (received long ago) is not acted on either.
    machine.role({ role: 'master', heartbeatMs: HB, receivedAt: clock.monotonic() - 7000 });
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['check', 'start', 'check', 'stop', 'check']);
  });

  it("dhcp-promoter › a stale timer that fires early, as Node's may, still says RoleStale once the role is stale", async () => {
    const { clock, make, role, status } = t;
    clock.fireEarly(1.5);
    make();
    role('master');
    await clock.advance(3 * HB - 1);
    expect(status().phase).toBe('Serving');
    expect(status().reason).toBeUndefined();
    await clock.advance(HB);
    expect(status()).toMatchObject({ phase: 'Serving', reason: 'RoleStale' });
  });

  it('dhcp-promoter › a wall-clock step of an hour back does not keep a dead vip-watcher\'s master fresh', async () => {
    const { clock, exec, make, role, status } = t;
    make();
    role('master');
    await clock.advance(1000);
    clock.stepWall(-3_600_000);
    await clock.advance(3 * HB);
    expect(status()).toMatchObject({ phase: 'Serving', reason: 'RoleStale' });
    expect(status().message).toContain('was last heard 6001 ms ago');
    expect(exec.lines()).toEqual(['check', 'start', 'check']);
  });
});
