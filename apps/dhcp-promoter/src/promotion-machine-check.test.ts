// The promotion machine through its driver, on a fake clock and exec: `check` at start and as a loop.
import { beforeEach, describe, expect, it } from 'vitest';
import { driver } from './testing/machine.js';

describe('dhcp-promoter › promotion machine', () => {
  let t: ReturnType<typeof driver>;
  beforeEach(() => {
    t = driver();
  });

  it('dhcp-promoter › at start, check tells the state: a running server on the master is kept (no restart)', async () => {
    const { clock, exec, make, role, status, server } = t;
    server.running = true;
    make({ check: ['check'] });
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check']);
    expect(status()).toMatchObject({ phase: 'Serving', reason: 'WaitingForRole' });
    role('master');
    await clock.advance(5000);
    expect(exec.lines()).toEqual(['check']);
    expect(status()).toMatchObject({ phase: 'Serving', role: 'master' });
  });

  it('dhcp-promoter › at start, check tells the state: a stopped server on the backup is left stopped, on the master started', async () => {
    const { clock, exec, make, role, phase } = t;
    make({ check: ['check'] });
    role('backup');
    await clock.advance(0);
    expect(exec.lines()).toEqual(['check']);
    expect(phase()).toBe('Stopped');

    make({ check: ['check'] });
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check', 'check', 'start', 'check']);
    expect(phase()).toBe('Serving');
  });

  it('dhcp-promoter › the check loop starts a server that died while master, and stops one running while backup', async () => {
    const { clock, exec, make, role, status, phase, holdRole, server } = t;
    server.running = true;
    make({ check: ['check'] });
    role('master');
    await clock.advance(1000);
    expect(exec.lines()).toEqual(['check']);
    server.running = false;
    await holdRole('master', 9000);
    expect(exec.lines()).toEqual(['check', 'check']);
    expect(status()).toMatchObject({ phase: 'Error', reason: 'ServerDied', message: 'check exited with 3: the DHCP server is not running while master; retrying in 1000 ms while master' });
    await holdRole('master', 1000);
    expect(exec.lines()).toEqual(['check', 'check', 'start', 'check']);
    expect(status()).toMatchObject({ phase: 'Serving', lastCommand: { argv: ['start'] } });

    role('backup');
    await clock.advance(0);
    expect(exec.lines().at(-1)).toBe('stop');
    server.running = true;
    await holdRole('backup', 10_000);
    expect(exec.lines().slice(-2)).toEqual(['check', 'stop']);
    expect(phase()).toBe('Stopped');
  });

  it('dhcp-promoter › the check loop leaves the server alone while the role is unknown; a check that cannot run changes nothing', async () => {
    const { clock, exec, make, role, status, holdRole } = t;
    make({ check: ['check'] });
    role('master');
    await clock.advance(1000);
    await holdRole('unknown', 60_000);
    expect(exec.lines()).toEqual(['check', 'start', 'check']);

    exec.answer = (argv) => (argv[0] === 'check' ? undefined : 0);
    await holdRole('master', 10_000);
    expect(exec.lines()).toEqual(['check', 'start', 'check', 'check']);
    expect(status()).toMatchObject({ phase: 'Serving', reason: 'CheckFailed', message: "check could not run: spawn ENOENT; the server's state is not known from it" });
  });
});
