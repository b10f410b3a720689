// The transition as a table, standby side: backup/inactive stop at once, stop's retries, roles that
// arrive while a command runs, and the driver stopping (never the server).
import { describe, expect, it } from 'vitest';
import { T0 } from '../testing/fakes.js';
import { given, heard, named, on, render, serving, step, stopped, type TransitionRow } from '../testing/machine.js';

const STOP = { kind: 'stopping', argv: ['stop'], startedAt: T0 } as const;
const START = { kind: 'starting', argv: ['start'], epoch: 1, startedAt: T0 } as const;
const VERIFY = { kind: 'verifying', argv: ['check'], epoch: 1 } as const;
const RETRY_START = { kind: 'backingOff', action: 'start', until: T0 + 1000 } as const;
const RETRY_STOP = { kind: 'backingOff', action: 'stop', until: T0 + 1000 } as const;
const backup = { role: { observed: heard('backup'), lastKnown: 'backup' } } as const;
const master1 = { role: { observed: heard('master'), lastKnown: 'master' }, mastership: { epoch: 1 } } as const;

const rows: TransitionRow[] = [
  {
    name: 'backup stops at once',
    state: given(),
    event: on.role(heard('backup')),
    commands: ['set stale 6001', 'publish Stopping', 'run stop'],
    next: { activity: STOP, status: { phase: 'Stopping', role: 'backup' }, failures: { count: 0, action: 'stop' } },
  },
  {
    name: 'inactive stops at once',
    state: given(),
    event: on.role(heard('inactive')),
    commands: ['set stale 6001', 'publish Stopping', 'run stop'],
    next: { activity: STOP, status: { role: 'inactive' } },
  },
  {
    name: 'backup during settle cancels the settle and stops',
    state: given({ ...master1, activity: { kind: 'settling', epoch: 1 } }),
    event: on.role(heard('backup', 500)),
    commands: ['set stale 6001', 'cancel wake', 'publish Stopping', 'run stop'],
    next: { activity: { kind: 'stopping' }, mastership: { epoch: 1, settled: undefined } },
  },
  {
    name: 'backup cancels a pending start retry and stops',
    state: given({ ...master1, activity: RETRY_START, status: { phase: 'Error', reason: 'StartFailed' } }),
    event: on.role(heard('backup', 500)),
    commands: ['set stale 6001', 'cancel wake', 'publish Stopping', 'run stop'],
    next: { activity: { kind: 'stopping' }, status: { phase: 'Stopping', reason: undefined } },
  },
  {
    name: 'a stopped server is not stopped again; the role it acted on follows',
    state: stopped('backup'),
    event: on.role(heard('inactive', 100)),
    commands: ['set stale 6001', 'publish Stopped'],
    next: { activity: { kind: 'idle' }, status: { phase: 'Stopped', role: 'inactive' } },
  },
  {
    name: 'stop exited 0: Stopped',
    state: given({ ...backup, activity: STOP, status: { phase: 'Stopping', role: 'backup' }, failures: { action: 'stop' } }),
    event: on.done(0, 5),
    commands: ['publish Stopped', 'publish Stopped'],
    next: { activity: { kind: 'idle' }, status: { phase: 'Stopped', lastCommand: { argv: ['stop'], exitCode: 0 } } },
  },
  {
    name: 'stop exited 5: Error/StopFailed, retried after the backoff',
    state: given({ ...backup, activity: STOP, status: { phase: 'Stopping' }, failures: { action: 'stop' } }),
    event: on.done(5),
    commands: ['set wake 1000', 'publish Error/StopFailed', 'publish Error/StopFailed'],
    next: { activity: RETRY_STOP, status: { message: 'stop exited with 5; retrying in 1000 ms while backup' } },
  },
  {
    name: 'a backup heartbeat while backing off waits for the retry',
    state: given({ ...backup, activity: RETRY_STOP, status: { phase: 'Error', reason: 'StopFailed' } }),
    event: on.role(heard('backup', 500)),
    commands: ['set stale 6001', 'publish Error/StopFailed'],
    next: { activity: RETRY_STOP },
  },
  {
    name: 'the retry runs stop again',
    state: given({ ...backup, activity: RETRY_STOP, status: { phase: 'Error' }, failures: { count: 1, action: 'stop' } }),
    event: on.timer('wake', 1000),
    commands: ['publish Stopping', 'run stop'],
    next: { activity: { kind: 'stopping' }, failures: { count: 1, action: 'stop' } },
  },
  {
    name: 'a master while a stop is retried begins a mastership: the retry gives way to a settle',
    state: given({ ...backup, activity: RETRY_STOP, status: { phase: 'Error', reason: 'StopFailed' } }),
    event: on.role(heard('master', 500)),
    commands: ['set stale 6001', 'cancel wake', 'set wake 1000', 'publish Error/Settling'],
    next: { activity: { kind: 'settling', epoch: 1 } },
  },
  {
    name: 'a role that arrives while a command runs is recorded, not acted on',
    state: given({ ...master1, activity: START, status: { phase: 'Starting' } }),
    event: on.role(heard('backup', 100)),
    commands: ['set stale 6001'],
    next: { activity: START, role: { lastKnown: 'backup' } },
  },
  {
    name: "a start that exits 0 meanwhile still has its first check: what runs is known before it is stopped",
    state: given({ ...master1, activity: START, status: { phase: 'Starting', reason: undefined }, role: { observed: heard('backup', 100), lastKnown: 'backup' } }),
    event: on.done(0, 200),
    commands: ['run check', 'publish Starting'],
    next: { activity: VERIFY, role: { lastKnown: 'backup' } },
  },
  {
    name: 'it is acted on when the commands end: Serving is published, then stop runs',
    state: given({ ...master1, activity: VERIFY, status: { phase: 'Starting' }, role: { observed: heard('backup', 100), lastKnown: 'backup' } }),
    event: on.done(0, 200),
    commands: ['publish Serving', 'publish Stopping', 'run stop'],
    next: { activity: { kind: 'stopping' }, mastership: { served: 1 }, status: { role: 'backup' } },
  },
  {
    name: 'halt cancels a settle and every timer',
    state: given({ ...master1, activity: { kind: 'settling', epoch: 1 } }),
    event: on.halt(),
    commands: ['cancel wake', 'cancel stale', 'cancel check'],
    next: { halted: true, activity: { kind: 'idle' } },
  },
  {
    name: 'halt cancels a retry (no nextAttemptAt any more)',
    state: given({ ...backup, activity: RETRY_STOP, status: { phase: 'Error' } }),
    event: on.halt(),
    commands: ['cancel wake', 'cancel stale', 'cancel check'],
    next: { halted: true, activity: { kind: 'idle' } },
  },
  {
    name: 'halt lets a running command go on',
    state: given({ ...master1, activity: START }),
    event: on.halt(),
    commands: ['cancel stale', 'cancel check'],
    next: { halted: true, activity: START },
  },
  {
    name: 'once halted, a failed command is reported but not retried',
    state: given({ ...master1, activity: START, halted: true, failures: { action: 'start' } }),
    event: on.done(1),
    commands: ['publish Error/StartFailed'],
    next: { activity: { kind: 'idle' }, status: { message: 'start exited with 1; retrying in 0 ms while master' } },
  },
  {
    name: 'once halted, a start that exits 0 runs no check: it stays Starting',
    state: given({ ...master1, activity: START, halted: true, status: { phase: 'Starting', reason: undefined } }),
    event: on.done(0),
    commands: ['publish Starting'],
    next: { activity: { kind: 'idle' }, mastership: { served: undefined }, status: { phase: 'Starting' } },
  },
  {
    name: 'once halted, backup stops nothing: SIGTERM never takes DHCP down',
    state: serving({ halted: true }),
    event: on.role(heard('backup', 100)),
    commands: [],
    next: { activity: { kind: 'idle' }, status: { phase: 'Serving' } },
  },
];

describe('dhcp-promoter › promotion machine transitions, standby side', () => {
  it.each(named(rows))('dhcp-promoter › %s', (_name, { state, event, commands, next }) => {
    const result = step(state, event);
    expect(render(result.commands)).toEqual(commands);
    expect(result.state).toMatchObject(next);
  });
});
