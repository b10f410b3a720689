// The transition as a table, `check`: the first one learns the server's state, the loop repairs drift
// (a dead server on the master, a running one on the backup), a check that cannot run changes nothing.
import { describe, expect, it } from 'vitest';
import { M0, T0 } from '../testing/fakes.js';
import { given, heard, named, on, render, serving, step, stopped, type TransitionRow } from '../testing/machine.js';

const CHECK = ['check'];
const withCheck = { plan: { check: CHECK } } as const;
const LEARNING = { kind: 'learning', argv: CHECK } as const;
const CHECK_RUNNING = { kind: 'checking', argv: CHECK, expect: 'running' } as const;
const CHECK_STOPPED = { kind: 'checking', argv: CHECK, expect: 'stopped' } as const;
const CANNOT_RUN = "check could not run: spawn ENOENT; the server's state is not known from it";

const rows: TransitionRow[] = [
  {
    name: 'the first check exits 0: Serving, kept for the first mastership',
    state: given({ ...withCheck, activity: LEARNING }),
    event: on.done(0),
    commands: ['publish Serving/WaitingForRole', 'publish Serving/WaitingForRole'],
    next: { activity: { kind: 'idle' }, status: { phase: 'Serving' }, mastership: { adopt: true } },
  },
  {
    name: 'the first check exits 3: Stopped',
    state: given({ ...withCheck, activity: LEARNING }),
    event: on.done(3),
    commands: ['publish Stopped/WaitingForRole', 'publish Stopped/WaitingForRole'],
    next: { status: { phase: 'Stopped' }, mastership: { adopt: false } },
  },
  {
    name: 'the first check cannot run: nothing learnt, and no CheckFailed before any role',
    state: given({ ...withCheck, activity: LEARNING }),
    event: on.done(undefined),
    commands: ['publish Unknown/WaitingForRole', 'publish Unknown/WaitingForRole'],
    next: { activity: { kind: 'idle' }, status: { phase: 'Unknown' } },
  },
  {
    name: 'the first check finds the server stopped on a backup: left stopped',
    state: given({ ...withCheck, activity: LEARNING, role: { observed: heard('backup'), lastKnown: 'backup' } }),
    event: on.done(3),
    commands: ['publish Stopped/WaitingForRole', 'publish Stopped'],
    next: { activity: { kind: 'idle' }, status: { phase: 'Stopped', role: 'backup' } },
  },
  {
    name: 'the loop checks a served master',
    state: serving(withCheck),
    event: on.timer('check', 2000),
    commands: ['set check 10000', 'run check'],
    next: { activity: CHECK_RUNNING },
  },
  {
    name: 'the loop checks a stopped standby',
    state: stopped('inactive', withCheck),
    event: on.timer('check', 2000),
    commands: ['set check 10000', 'run check'],
    next: { activity: CHECK_STOPPED },
  },
  {
    name: 'the loop leaves the server alone while the role is stale',
    state: serving(withCheck),
    event: on.timer('check', 10_000),
    commands: ['set check 10000'],
    next: { activity: { kind: 'idle' } },
  },
  {
    name: 'the loop waits while a command runs',
    state: serving({ ...withCheck, activity: { kind: 'stopping', argv: ['stop'], startedAt: 0 } }),
    event: on.timer('check', 2000),
    commands: ['set check 10000'],
    next: { activity: { kind: 'stopping' } },
  },
  {
    name: 'the loop does not check a master whose start failed',
    state: serving({ ...withCheck, status: { phase: 'Error', reason: 'StartFailed' }, mastership: { served: undefined } }),
    event: on.timer('check', 2000),
    commands: ['set check 10000'],
    next: { activity: { kind: 'idle' } },
  },
  {
    name: 'a check that finds the master serving changes nothing',
    state: serving({ ...withCheck, activity: CHECK_RUNNING }),
    event: on.done(0, 2000),
    commands: ['publish Serving', 'publish Serving'],
    next: { activity: { kind: 'idle' }, mastership: { served: 1 } },
  },
  {
    name: 'the server died on the master: Error/ServerDied, a failed start more (not a reset), retried after its backoff',
    state: serving({ ...withCheck, activity: CHECK_RUNNING, failures: { count: 2, action: 'start', upSince: M0 } }),
    event: on.done(3, 2000),
    commands: ['set wake 4000', 'publish Error/ServerDied', 'publish Error/ServerDied'],
    next: {
      activity: { kind: 'backingOff', action: 'start', until: T0 + 6000 },
      mastership: { served: undefined, settled: 1 },
      failures: { count: 3, action: 'start', upSince: undefined },
      status: { phase: 'Error', message: 'check exited with 3: the DHCP server is not running while master; retrying in 4000 ms while master' },
    },
  },
  {
    name: 'a check of the loop that finds the server running soon after its start keeps the failures',
    state: serving({ ...withCheck, activity: CHECK_RUNNING, role: { observed: heard('master', 28_000) }, failures: { count: 3, action: 'start', upSince: M0 } }),
    event: on.done(0, 29_999),
    commands: ['publish Serving', 'publish Serving'],
    next: { activity: { kind: 'idle' }, failures: { count: 3, action: 'start', upSince: M0 } },
  },
  {
    name: 'one that finds it up for the longest backoff (30 s) clears them: it stayed up',
    state: serving({ ...withCheck, activity: CHECK_RUNNING, role: { observed: heard('master', 28_000) }, failures: { count: 3, action: 'start', upSince: M0 } }),
    event: on.done(0, 30_000),
    commands: ['publish Serving', 'publish Serving'],
    next: { activity: { kind: 'idle' }, failures: { count: 0, action: 'start' } },
  },
  {
    name: 'the server runs on a backup: Error/RunningWhileBackup, then stop at once',
    state: stopped('backup', { ...withCheck, activity: CHECK_STOPPED }),
    event: on.done(0, 2000),
    commands: ['publish Error/RunningWhileBackup', 'publish Stopping', 'run stop'],
    next: { activity: { kind: 'stopping' }, status: { phase: 'Stopping', role: 'backup' } },
  },
  {
    name: 'a check that cannot run changes nothing but the reason',
    state: serving({ ...withCheck, activity: CHECK_RUNNING }),
    event: on.done(undefined, 2000),
    commands: ['publish Serving/CheckFailed', 'publish Serving/CheckFailed'],
    next: { status: { phase: 'Serving', message: CANNOT_RUN } },
  },
  {
    name: 'CheckFailed stays while the role does not change the phase',
    state: serving({ ...withCheck, status: { reason: 'CheckFailed', message: CANNOT_RUN } }),
    event: on.role(heard('master', 2000)),
    commands: ['set stale 6001', 'publish Serving/CheckFailed'],
    next: { status: { message: CANNOT_RUN } },
  },
  {
    name: 'the next check that runs clears CheckFailed',
    state: serving({ ...withCheck, activity: CHECK_RUNNING, status: { reason: 'CheckFailed', message: CANNOT_RUN } }),
    event: on.done(0, 2000),
    commands: ['publish Serving', 'publish Serving'],
    next: { status: { reason: undefined, message: undefined } },
  },
];

describe('dhcp-promoter › promotion machine transitions, check', () => {
  it.each(named(rows))('dhcp-promoter › %s', (_name, { state, event, commands, next }) => {
    const result = step(state, event);
    expect(render(result.commands)).toEqual(commands);
    expect(result.state).toMatchObject(next);
  });
});
