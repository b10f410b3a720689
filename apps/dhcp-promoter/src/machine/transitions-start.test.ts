// The transition as a table, master side: start(), a new mastership's settle, start and its retries.
import { describe, expect, it } from 'vitest';
import { M0, T0 } from '../testing/fakes.js';
import { given, heard, logsOf, named, on, render, serving, step, stopped, type TransitionRow } from '../testing/machine.js';

const START = { kind: 'starting', argv: ['start'], epoch: 1, startedAt: T0 } as const;
const VERIFY = { kind: 'verifying', argv: ['check'], epoch: 1 } as const;
const STARTED = { argv: ['start'], exitCode: 0, output: '', durationMs: 5, at: new Date(T0).toISOString() };
const START_FAILURES = { action: 'start' } as const;
const SETTLING = { kind: 'settling', epoch: 1 } as const;
/** Mastership 1 has begun: a fresh master was heard at M0. */
const master1 = { role: { observed: heard('master'), lastKnown: 'master' }, mastership: { epoch: 1 } } as const;

const rows: TransitionRow[] = [
  {
    name: 'start() learns the state from the first check, and starts the check loop',
    state: given({ activity: { kind: 'created' }, plan: { check: ['check'] } }),
    event: on.start(),
    commands: ['run check', 'set check 10000'],
    next: { activity: { kind: 'learning', argv: ['check'] } },
  },
  {
    name: 'the first fresh master begins mastership 1 and waits settle',
    state: given(),
    event: on.role(heard('master')),
    commands: ['set stale 6001', 'set wake 1000', 'publish Unknown/Settling'],
    next: { activity: SETTLING, mastership: { epoch: 1 }, role: { lastKnown: 'master' }, status: { phase: 'Unknown' } },
  },
  {
    name: "a master heartbeat during settle keeps the settle's timer",
    state: given({ ...master1, activity: SETTLING, status: { reason: 'Settling' } }),
    event: on.role(heard('master', 500)),
    commands: ['set stale 6001', 'publish Unknown/Settling'],
    next: { activity: SETTLING, mastership: { epoch: 1 } },
  },
  {
    name: 'settle elapsed while still a fresh master: start runs',
    state: given({ ...master1, activity: SETTLING }),
    event: on.timer('wake', 1000),
    commands: ['publish Starting', 'run start'],
    next: { activity: { ...START, startedAt: T0 + 1000 }, mastership: { settled: 1 }, status: { phase: 'Starting', role: 'master', reason: undefined } },
  },
  {
    name: 'settle elapsed but the master went stale meanwhile: nothing starts',
    state: given({ ...master1, activity: SETTLING }),
    event: on.timer('wake', 6001),
    commands: ['publish Unknown/RoleStale'],
    next: { activity: { kind: 'idle' }, mastership: { settled: 1 } },
  },
  {
    name: 'start exited 0: not Serving yet, its first check runs; the status shows the start',
    state: given({ ...master1, activity: START, status: { phase: 'Starting', reason: undefined }, failures: START_FAILURES }),
    event: on.done(0, 1005),
    commands: ['run check', 'publish Starting'],
    next: { activity: VERIFY, mastership: { served: undefined }, status: { phase: 'Starting', lastCommand: STARTED } },
  },
  {
    name: 'the first check after start exits 0: Serving, and the mastership is served',
    state: given({ ...master1, activity: VERIFY, status: { phase: 'Starting', reason: undefined, lastCommand: STARTED }, failures: { count: 2, action: 'start' } }),
    event: on.done(0, 1010),
    commands: ['publish Serving', 'publish Serving'],
    next: {
      activity: { kind: 'idle' },
      mastership: { served: 1 },
      // Seen running once is not yet up for good: the failures count on, from now.
      failures: { count: 2, action: 'start', upSince: M0 + 1010 },
      status: { phase: 'Serving', lastTransitionAt: T0 + 1010, lastCommand: STARTED },
    },
  },
  {
    name: 'start exited 1: Error/StartFailed, retried after the backoff (1 s)',
    state: given({ ...master1, activity: START, status: { phase: 'Starting' }, mastership: { epoch: 1, settled: 1 }, failures: START_FAILURES }),
    event: on.done(1, 1000),
    commands: ['set wake 1000', 'publish Error/StartFailed', 'publish Error/StartFailed'],
    next: {
      activity: { kind: 'backingOff', action: 'start', until: T0 + 2000 },
      failures: { count: 1, action: 'start' },
      status: { phase: 'Error', message: 'start exited with 1; retrying in 1000 ms while master' },
    },
  },
  {
    name: 'the second failure in a row doubles the backoff',
    state: given({ ...master1, activity: START, failures: { count: 1, action: 'start' } }),
    event: on.done(1),
    commands: ['set wake 2000', 'publish Error/StartFailed', 'publish Error/StartFailed'],
    next: { failures: { count: 2 }, status: { message: 'start exited with 1; retrying in 2000 ms while master' } },
  },
  {
    name: 'a master heartbeat while backing off waits for the retry',
    state: given({ ...master1, activity: { kind: 'backingOff', action: 'start', until: T0 + 1000 }, status: { phase: 'Error', reason: 'StartFailed' } }),
    event: on.role(heard('master', 500)),
    commands: ['set stale 6001', 'publish Error/StartFailed'],
    next: { activity: { kind: 'backingOff', action: 'start' } },
  },
  {
    name: 'the retry runs start again without a new settle',
    state: given({ ...master1, activity: { kind: 'backingOff', action: 'start', until: T0 + 1000 }, mastership: { epoch: 1, settled: 1 }, status: { phase: 'Error' } }),
    event: on.timer('wake', 1000),
    commands: ['publish Starting', 'run start'],
    next: { activity: { kind: 'starting' } },
  },
  {
    name: 'master heartbeats of a served mastership change nothing',
    state: serving(),
    event: on.role(heard('master', 2000)),
    commands: ['set stale 6001', 'publish Serving'],
    next: { activity: { kind: 'idle' }, mastership: { epoch: 1, served: 1 } },
  },
  {
    name: 'the first check found the server running: the first mastership keeps it (agent restart)',
    state: given({ status: { phase: 'Serving', reason: 'WaitingForRole' }, mastership: { adopt: true } }),
    event: on.role(heard('master')),
    commands: ['set stale 6001', 'publish Serving'],
    next: { activity: { kind: 'idle' }, mastership: { epoch: 1, served: 1, settled: 1, adopt: false }, status: { role: 'master' } },
  },
  {
    name: 'a master after a fresh backup is a new mastership: settle, then start again',
    state: stopped('backup'),
    event: on.role(heard('master', 3000)),
    commands: ['set stale 6001', 'set wake 1000', 'publish Stopped/Settling'],
    next: { activity: SETTLING, mastership: { epoch: 1 } },
  },
];

describe('dhcp-promoter › promotion machine transitions, master side', () => {
  it.each(named(rows))('dhcp-promoter › %s', (_name, { state, event, commands, next }) => {
    const result = step(state, event);
    expect(render(result.commands)).toEqual(commands);
    expect(result.state).toMatchObject(next);
  });

  it('dhcp-promoter › adopting says so in the log', () => {
    const result = step(given({ status: { phase: 'Serving' }, mastership: { adopt: true } }), on.role(heard('master')));
    expect(logsOf(result.commands)).toEqual(['info: promotion lan-dhcp: the DHCP server already runs on this master; keeping it']);
  });
});
