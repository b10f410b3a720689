// The transition as a table, the role itself: unknown and stale leave the server as it is, staleness
// is on the monotonic clock, what begins a mastership, and a reconfigure to another VIP.
import { describe, expect, it } from 'vitest';
import { T0 } from '../testing/fakes.js';
import { given, heard, named, on, render, serving, step, stopped, type TransitionRow } from '../testing/machine.js';

const HOUR = 3_600_000;
const STALE_MESSAGE = 'the role of VirtualAddress/lan-vip was last heard 6001 ms ago (3 heartbeats of 2000 ms missed), so it is unknown; the DHCP server is left as it is';
const master1 = { role: { observed: heard('master'), lastKnown: 'master' }, mastership: { epoch: 1 } } as const;

const rows: TransitionRow[] = [
  {
    name: 'unknown on a serving master: nothing is done, the reason says why',
    state: serving(),
    event: on.role(heard('unknown', 2000)),
    commands: ['set stale 6001', 'publish Serving/RoleUnknown'],
    next: { status: { phase: 'Serving', role: 'master', message: 'the vip-watcher reports VirtualAddress/lan-vip as unknown; the DHCP server is left as it is' } },
  },
  {
    name: 'unknown on a stopped backup: nothing is done',
    state: stopped('backup'),
    event: on.role(heard('unknown', 2000)),
    commands: ['set stale 6001', 'publish Stopped/RoleUnknown'],
    next: { status: { phase: 'Stopped', role: 'backup' } },
  },
  {
    name: 'unknown during settle pauses it: no start',
    state: given({ ...master1, activity: { kind: 'settling', epoch: 1 } }),
    event: on.role(heard('unknown', 500)),
    commands: ['set stale 6001', 'cancel wake', 'publish Unknown/RoleUnknown'],
    next: { activity: { kind: 'idle' } },
  },
  {
    name: 'a stale role pauses a retry',
    state: given({ ...master1, activity: { kind: 'backingOff', action: 'start', until: T0 + 8000 }, status: { phase: 'Error', reason: 'StartFailed' } }),
    event: on.timer('stale', 6001),
    commands: ['cancel wake', 'publish Error/RoleStale'],
    next: { activity: { kind: 'idle' }, status: { phase: 'Error', message: STALE_MESSAGE } },
  },
  {
    name: 'at 3 heartbeats the role is still fresh: the stale timer is armed again for just after',
    state: serving(),
    event: on.timer('stale', 6000),
    commands: ['set stale 1', 'publish Serving'],
    next: { status: { phase: 'Serving', reason: undefined } },
  },
  {
    name: 'a stale timer that fires early (Node counts from its loop time) is armed again for the rest',
    state: serving(),
    event: on.timer('stale', 5998.5),
    commands: ['set stale 2.5', 'publish Serving'],
    next: { status: { phase: 'Serving', reason: undefined } },
  },
  {
    name: 'a stale timer that fires early while a command runs is armed again too',
    state: given({ ...master1, activity: { kind: 'starting', argv: ['start'], epoch: 1, startedAt: T0 }, status: { phase: 'Starting' } }),
    event: on.timer('stale', 5999),
    commands: ['set stale 2'],
    next: { activity: { kind: 'starting' }, status: { phase: 'Starting' } },
  },
  {
    name: 'past 3 heartbeats it is stale: nothing is done to the server',
    state: serving(),
    event: on.timer('stale', 6001),
    commands: ['publish Serving/RoleStale'],
    next: { status: { phase: 'Serving', message: STALE_MESSAGE } },
  },
  {
    name: "a wall-clock step of an hour back does not keep a dead vip-watcher's master fresh",
    state: serving(),
    event: on.timer('stale', 6001, -HOUR),
    commands: ['publish Serving/RoleStale'],
    next: { status: { phase: 'Serving', reason: 'RoleStale', message: STALE_MESSAGE } },
  },
  {
    name: 'a wall-clock step of an hour forward does not make a live master stale',
    state: serving(),
    event: on.timer('stale', 6000, HOUR),
    commands: ['set stale 1', 'publish Serving'],
    next: { status: { phase: 'Serving', reason: undefined } },
  },
  {
    name: 'a role received long ago is not acted on, and begins no mastership',
    state: stopped('backup'),
    event: on.role(heard('master', 3000), 10_000),
    commands: ['set stale 0', 'publish Stopped/RoleStale'],
    next: { mastership: { epoch: 0 }, role: { lastKnown: 'backup' }, status: { phase: 'Stopped', role: 'backup' } },
  },
  {
    name: 'unknown between two masters begins no new mastership: no restart',
    state: serving({ role: { observed: heard('unknown', 2000) }, status: { reason: 'RoleUnknown' } }),
    event: on.role(heard('master', 4000)),
    commands: ['set stale 6001', 'publish Serving'],
    next: { mastership: { epoch: 1, served: 1 }, status: { reason: undefined } },
  },
  {
    name: 'before start() a role is recorded, not acted on',
    state: given({ activity: { kind: 'created' } }),
    event: on.role(heard('master')),
    commands: ['set stale 6001'],
    next: { activity: { kind: 'created' }, mastership: { epoch: 1 } },
  },
  {
    name: 'while the first check runs a role is recorded, not acted on',
    state: given({ activity: { kind: 'learning', argv: ['check'] } }),
    event: on.role(heard('backup')),
    commands: ['set stale 6001'],
    next: { activity: { kind: 'learning' }, role: { lastKnown: 'backup' } },
  },
  {
    name: 'reconfigured to another VIP: the old role is forgotten, the server left as it is',
    state: serving(),
    event: on.reconfigure({ virtualAddress: 'other-vip', start: ['start2'] }),
    commands: ['publish Serving', 'publish Serving/WaitingForRole'],
    next: { plan: { virtualAddress: 'other-vip' }, role: { observed: undefined, lastKnown: undefined }, status: { phase: 'Serving' } },
  },
  {
    name: 'reconfigured to another VIP during settle: the settle is cancelled',
    state: given({ ...master1, activity: { kind: 'settling', epoch: 1 }, status: { reason: 'Settling' } }),
    event: on.reconfigure({ virtualAddress: 'other-vip' }),
    commands: ['cancel wake', 'publish Unknown/Settling', 'publish Unknown/WaitingForRole'],
    next: { activity: { kind: 'idle' } },
  },
  {
    name: 'reconfigured with another check: the check loop restarts',
    state: serving(),
    event: on.reconfigure({ check: ['check'], checkIntervalMs: 5000 }),
    commands: ['cancel check', 'set check 5000', 'publish Serving', 'publish Serving'],
    next: { plan: { check: ['check'] } },
  },
];

describe('dhcp-promoter › promotion machine transitions, the role', () => {
  it.each(named(rows))('dhcp-promoter › %s', (_name, { state, event, commands, next }) => {
    const result = step(state, event);
    expect(render(result.commands)).toEqual(commands);
    expect(result.state).toMatchObject(next);
  });
});
