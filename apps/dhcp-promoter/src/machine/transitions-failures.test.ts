// The transition as a table, a server not seen running: a start that failed, a first check after a
// start that did not see the server, a server that died; their backoff, and the server's last words.
import { describe, expect, it } from 'vitest';
import type { MachineEvent } from './messages.js';
import type { MachineState } from './state.js';
import { T0 } from '../testing/fakes.js';
import { given, heard, named, on, render, serving, step, type TransitionRow } from '../testing/machine.js';

const START = { kind: 'starting', argv: ['start'], epoch: 1, startedAt: T0 } as const;
const VERIFY = { kind: 'verifying', argv: ['check'], epoch: 1 } as const;
const CHECK_RUNNING = { kind: 'checking', argv: ['check'], expect: 'running' } as const;
const withLogs = { plan: { logs: ['logs'] } } as const;
/** Mastership 1 has begun and settled; start is running or has run once. */
const master1 = { role: { observed: heard('master'), lastKnown: 'master' }, mastership: { epoch: 1, settled: 1 }, failures: { action: 'start' } } as const;
const BIND = 'dnsmasq: failed to bind DHCP server socket: Address already in use';
const NOT_RUNNING = 'start exited with 0, but check exited with 3: the DHCP server is not running after its start';
const DIED = 'check exited with 3: the DHCP server is not running while master';
const readingLogs = (reason: 'StartFailed' | 'ServerDied', text: string) => ({ kind: 'readingLogs', argv: ['logs'], failure: { reason, text, delay: 1000 } }) as const;

const rows: TransitionRow[] = [
  {
    name: 'start exited 2: the Error quotes what it printed',
    state: given({ ...master1, activity: START, status: { phase: 'Starting', reason: undefined } }),
    event: on.done(2, 1000, `\n${BIND}\n`),
    commands: ['set wake 1000', 'publish Error/StartFailed', 'publish Error/StartFailed'],
    next: { activity: { kind: 'backingOff', action: 'start' }, status: { message: `start exited with 2: ${BIND}; retrying in 1000 ms while master` } },
  },
  {
    name: 'the first check after start exits 3: the start failed, Error/StartFailed and its backoff',
    state: given({ ...master1, activity: VERIFY, status: { phase: 'Starting', reason: undefined } }),
    event: on.done(3, 1010),
    commands: ['set wake 1000', 'publish Error/StartFailed', 'publish Error/StartFailed'],
    next: {
      activity: { kind: 'backingOff', action: 'start', until: T0 + 2010 },
      mastership: { served: undefined },
      failures: { count: 1, action: 'start' },
      status: { phase: 'Error', reason: 'StartFailed', message: `${NOT_RUNNING}; retrying in 1000 ms while master` },
    },
  },
  {
    name: 'the first check after start cannot run: the server was not seen running, so the start failed too',
    state: given({ ...master1, activity: VERIFY, status: { phase: 'Starting', reason: undefined } }),
    event: on.done(undefined, 1010),
    commands: ['set wake 1000', 'publish Error/StartFailed', 'publish Error/StartFailed'],
    next: {
      status: {
        phase: 'Error',
        message: 'start exited with 0, but check could not run: spawn ENOENT; the DHCP server was not seen running after its start; retrying in 1000 ms while master',
      },
    },
  },
  {
    name: 'with logs, a failed first check reads the last words before the backoff; Error at once',
    state: given({ ...master1, ...withLogs, activity: VERIFY, status: { phase: 'Starting', reason: undefined } }),
    event: on.done(3, 1010),
    commands: ['run logs', 'publish Error/StartFailed'],
    next: { activity: readingLogs('StartFailed', NOT_RUNNING), failures: { count: 1 }, status: { phase: 'Error', message: `${NOT_RUNNING}; reading its last words (logs)` } },
  },
  {
    name: 'the last words came: the Error quotes their last lines on one line, and the backoff begins',
    state: given({ ...master1, ...withLogs, activity: readingLogs('StartFailed', NOT_RUNNING), status: { phase: 'Error', reason: 'StartFailed' } }),
    event: on.done(0, 1020, `Starting dnsmasq\n\n${BIND}\nFailed with result 'exit-code'.\n`),
    commands: ['set wake 1000', 'publish Error/StartFailed', 'publish Error/StartFailed'],
    next: {
      activity: { kind: 'backingOff', action: 'start', until: T0 + 2020 },
      status: { message: `${NOT_RUNNING}; its last words (logs: Starting dnsmasq | ${BIND} | Failed with result 'exit-code'.); retrying in 1000 ms while master` },
    },
  },
  {
    name: 'logs that fail: the Error says how, in place of the last words',
    state: given({ ...master1, ...withLogs, activity: readingLogs('StartFailed', NOT_RUNNING), status: { phase: 'Error', reason: 'StartFailed' } }),
    event: on.done(1, 1020, 'No journal files were found.'),
    commands: ['set wake 1000', 'publish Error/StartFailed', 'publish Error/StartFailed'],
    next: { status: { message: `${NOT_RUNNING}; its last words (logs exited with 1: No journal files were found.); retrying in 1000 ms while master` } },
  },
  {
    name: 'logs that print nothing: the Error says so',
    state: given({ ...master1, ...withLogs, activity: readingLogs('StartFailed', NOT_RUNNING), status: { phase: 'Error', reason: 'StartFailed' } }),
    event: on.done(0, 1020),
    commands: ['set wake 1000', 'publish Error/StartFailed', 'publish Error/StartFailed'],
    next: { status: { message: `${NOT_RUNNING}; its last words (logs printed nothing); retrying in 1000 ms while master` } },
  },
  {
    name: 'the server died, with logs: Error/ServerDied at once, its last words read before the backoff',
    state: serving({ ...withLogs, activity: CHECK_RUNNING }),
    event: on.done(3, 2000),
    commands: ['run logs', 'publish Error/ServerDied'],
    next: { activity: readingLogs('ServerDied', DIED), mastership: { served: undefined }, failures: { count: 1, action: 'start' } },
  },
  {
    name: 'a backup while the last words are read is acted on after them: the retry gives way to stop',
    state: given({ ...master1, ...withLogs, activity: readingLogs('ServerDied', DIED), status: { phase: 'Error', reason: 'ServerDied' }, role: { observed: heard('backup', 1500), lastKnown: 'backup' } }),
    event: on.done(0, 2000, 'dnsmasq: exiting on receipt of SIGTERM'),
    commands: ['set wake 1000', 'publish Error/ServerDied', 'cancel wake', 'publish Stopping', 'run stop'],
    next: { activity: { kind: 'stopping' }, status: { phase: 'Stopping', role: 'backup' } },
  },
];

/** Runs `events` from `state` in turn; the last state and every "set wake" delay on the way. */
function run(state: MachineState, events: readonly MachineEvent[]): { state: MachineState; waits: number[] } {
  const waits: number[] = [];
  let current = state;
  for (const event of events) {
    const result = step(current, event);
    for (const c of result.commands) if (c.type === 'setTimer' && c.timer === 'wake') waits.push(c.ms);
    current = result.state;
  }
  return { state: current, waits };
}

describe('dhcp-promoter › promotion machine transitions, a server not seen running', () => {
  it.each(named(rows))('dhcp-promoter › %s', (_name, { state, event, commands, next }) => {
    const result = step(state, event);
    expect(render(result.commands)).toEqual(commands);
    expect(result.state).toMatchObject(next);
  });

  it('dhcp-promoter › repeated deaths back off, doubling (1 s, 2 s, 4 s), each Error with the last words', () => {
    const dies = (ms: number): MachineEvent[] => [
      on.done(3, ms), // the loop's check: dead
      on.done(0, ms + 1, 'dnsmasq: exiting on receipt of SIGTERM'), // its last words
    ];
    const restarts = (ms: number): MachineEvent[] => [on.timer('wake', ms), on.done(0, ms + 1), on.done(0, ms + 2), on.timer('check', ms + 3)];
    const { state, waits } = run(serving({ ...withLogs, activity: CHECK_RUNNING }), [...dies(0), ...restarts(1001), ...dies(1004), ...restarts(3005), ...dies(3008)]);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(state).toMatchObject({
      activity: { kind: 'backingOff', action: 'start', until: T0 + 3009 + 4000 },
      failures: { count: 3, action: 'start' },
      status: { phase: 'Error', reason: 'ServerDied', message: `${DIED}; its last words (logs: dnsmasq: exiting on receipt of SIGTERM); retrying in 4000 ms while master` },
    });
  });
});
