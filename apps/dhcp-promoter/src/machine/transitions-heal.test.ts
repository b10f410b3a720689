// The transition as a table, the heal (P4): a serving master looks for a handback every second; one that
// waits is merged by stop → merge → start, once; never while backup, never while a command runs; a heal
// that fails is not tried again for the longest backoff.
import { describe, expect, it } from 'vitest';
import { M0, T0 } from '../testing/fakes.js';
import { eventsOf, given, heard, LIVE, named, on, render, serving, step, stopped, WITH_LEASES, type StatePatch, type TransitionRow } from '../testing/machine.js';
import type { Fetched } from './messages.js';
import type { PendingReconcile } from './state.js';

const HANDBACK: Fetched = { live: LIVE, source: 'handback' };
const heal = (ms = 0): PendingReconcile => ({ trigger: 'heal', epoch: 1, startedAt: T0 + ms, since: M0 + ms, files: WITH_LEASES.leaseFiles, fetched: [HANDBACK] });
const PAUSING = { kind: 'pausing', argv: ['stop'], startedAt: T0 + 3000, pending: heal(3000) } as const;
const MERGED = 'merged 12 leases from router-b, 0 conflicts';
const COUNTS = { changed: true, leases: 12, taken: 2, kept: 10, conflicts: [] };
const servingWithLeases = (patch: StatePatch = {}) => serving({ plan: WITH_LEASES, ...patch });

const rows: TransitionRow[] = [
  {
    name: 'the inbox timer on a serving master looks for a handback, and again in a second',
    state: servingWithLeases(),
    event: on.timer('inbox', 1000),
    commands: ['set inbox 1000', 'look'],
    next: { activity: { kind: 'idle' } },
  },
  {
    name: 'the inbox timer on a backup does not look: its receiver merges handbacks itself',
    state: stopped('backup', { plan: WITH_LEASES }),
    event: on.timer('inbox', 1000),
    commands: ['set inbox 1000'],
    next: { activity: { kind: 'idle' } },
  },
  {
    name: 'a handback waits while serving: stop first (the phase says why)',
    state: servingWithLeases(),
    event: on.handbacks(3000),
    commands: ['publish Stopping', 'run stop'],
    next: {
      activity: PAUSING,
      status: { phase: 'Stopping', role: 'master', reason: undefined, message: "stopping the DHCP server to merge router-b's handback, then starting it again" },
    },
  },
  {
    name: 'a handback reported to a backup is ignored',
    state: stopped('backup', { plan: WITH_LEASES }),
    event: on.handbacks(3000),
    commands: [],
    next: { activity: { kind: 'idle' }, status: { phase: 'Stopped' } },
  },
  {
    name: 'a handback reported while a check runs is ignored: the next look finds it again',
    state: servingWithLeases({ activity: { kind: 'checking', argv: ['check'], expect: 'running' } }),
    event: on.handbacks(3000),
    commands: [],
    next: { activity: { kind: 'checking' } },
  },
  {
    name: 'a handback reported to a master whose role went stale is ignored',
    state: servingWithLeases(),
    event: on.handbacks(6001),
    commands: [],
    next: { activity: { kind: 'idle' } },
  },
  {
    name: 'the heal stop exited 0: Starting, and the merge runs',
    state: servingWithLeases({ activity: PAUSING, status: { phase: 'Stopping' } }),
    event: on.done(0, 3100),
    commands: ['merge handback', 'publish Starting'],
    next: { activity: { kind: 'merging', pending: heal(3000) }, status: { phase: 'Starting', message: "merging router-b's handback, then starting the DHCP server again" } },
  },
  {
    name: 'the heal merge is done: the server starts again (locked), and the merge is reported',
    state: servingWithLeases({ activity: { kind: 'merging', pending: heal(3000) }, status: { phase: 'Starting' } }),
    event: on.merged([{ live: LIVE, outcome: 'merged', counts: COUNTS }], 3150),
    commands: ['event handback-merged', 'publish Starting', 'run start locked', 'publish Starting'],
    next: {
      activity: { kind: 'starting', epoch: 1 },
      reconcile: { note: { epoch: 1, reason: undefined, message: MERGED }, last: { trigger: 'heal', durationMs: 150, message: MERGED } },
    },
  },
  {
    name: 'the heal merge is done while the role reads unknown: the server it stopped starts again',
    state: servingWithLeases({ activity: { kind: 'merging', pending: heal(3000) }, status: { phase: 'Starting' }, role: { observed: heard('unknown', 3050), lastKnown: 'master' } }),
    event: on.merged([{ live: LIVE, outcome: 'merged', counts: COUNTS }], 3150),
    commands: ['event handback-merged', 'publish Starting', 'run start locked', 'publish Starting'],
    next: { activity: { kind: 'starting' }, status: { role: 'master' } },
  },
  {
    name: 'the heal merge is done but the node is backup now: it is not started, and stop runs',
    state: servingWithLeases({ activity: { kind: 'merging', pending: heal(3000) }, status: { phase: 'Starting' }, role: { observed: heard('backup', 3050), lastKnown: 'backup' } }),
    event: on.merged([{ live: LIVE, outcome: 'merged', counts: COUNTS }], 3150),
    commands: ['event handback-merged', 'publish Starting', 'publish Stopping', 'run stop'],
    next: { activity: { kind: 'stopping' }, status: { role: 'backup' } },
  },
  {
    name: 'Serving again after the heal: the status says what was merged',
    state: servingWithLeases({
      activity: { kind: 'verifying', argv: ['check'], epoch: 1 },
      status: { phase: 'Starting' },
      reconcile: { note: { epoch: 1, reason: undefined, message: MERGED } },
    }),
    event: on.done(0, 3300),
    commands: ['publish Serving', 'publish Serving'],
    next: { status: { phase: 'Serving', reason: undefined, message: MERGED } },
  },
  {
    name: 'the heal stop failed: Error/StopFailed, the server is started after the backoff without the merge',
    state: servingWithLeases({ activity: PAUSING, status: { phase: 'Stopping' } }),
    event: on.done(1, 3100),
    commands: ['set wake 1000', 'publish Error/StopFailed', 'publish Error/StopFailed'],
    next: {
      activity: { kind: 'backingOff', action: 'start' },
      mastership: { served: undefined, settled: 1 },
      failures: { count: 1, action: 'start' },
      reconcile: { healAfter: M0 + 3100 + 30_000 },
      status: { message: "could not stop the DHCP server to merge router-b's handback: stop exited with 1; retrying in 1000 ms while master" },
    },
  },
  {
    name: 'the heal merge failed: start again at once; the status says it serves without the peer leases',
    state: servingWithLeases({ activity: { kind: 'merging', pending: heal(3000) }, status: { phase: 'Starting' } }),
    event: on.merged([{ live: LIVE, outcome: 'failed', error: 'the lock of /x is held by pid 42' }], 3150),
    commands: ['publish Starting', 'run start locked', 'publish Starting'],
    next: {
      reconcile: {
        healAfter: M0 + 3150 + 30_000,
        note: { reason: 'Unreconciled', message: "serving without the peer's leases: could not merge router-b's handback: the lock of /x is held by pid 42; trying again in 30000 ms" },
      },
    },
  },
  {
    name: 'after a failed heal the next handback waits for the longest backoff',
    state: servingWithLeases({ reconcile: { healAfter: M0 + 33_150 } }),
    event: on.handbacks(10_000),
    commands: [],
    next: { activity: { kind: 'idle' } },
  },
  {
    name: 'the inbox timer does not look either while a failed heal waits',
    state: servingWithLeases({ reconcile: { healAfter: M0 + 33_150 } }),
    event: on.timer('inbox', 10_000),
    commands: ['set inbox 1000'],
    next: {},
  },
  {
    name: 'a reconfigure that adds lease files starts the look for handbacks; one that removes them ends it',
    state: servingWithLeases({ plan: {} }),
    event: on.reconfigure(WITH_LEASES, 500),
    commands: ['set inbox 1000', 'publish Serving', 'publish Serving'],
    next: { plan: WITH_LEASES },
  },
];

describe('dhcp-promoter › promotion machine transitions, the heal', () => {
  it.each(named(rows))('dhcp-promoter › %s', (_name, { state, event, commands, next }) => {
    const result = step(state, event);
    expect(render(result.commands)).toEqual(commands);
    expect(result.state).toMatchObject(next);
  });

  it('dhcp-promoter › a handback merged by the receiver meanwhile is recorded without an event, and the server starts again', () => {
    const result = step(servingWithLeases({ activity: { kind: 'merging', pending: heal(3000) }, status: { phase: 'Starting' } }), on.merged([{ live: LIVE, outcome: 'gone' }], 3150));
    expect(eventsOf(result.commands)).toEqual([]);
    expect(result.state.reconcile.last?.files).toEqual([{ path: LIVE, peer: 'router-b', result: 'handback-merged', message: "router-b's handback was merged by this node's receiver meanwhile" }]);
    expect(render(result.commands)).toContain('run start locked');
  });

  it('dhcp-promoter › removing the lease files ends the look', () => {
    expect(render(step(servingWithLeases(), on.reconfigure({}, 500)).commands)).toEqual(['cancel inbox', 'publish Serving', 'publish Serving']);
  });

  it('dhcp-promoter › given() without lease files never looks', () => {
    expect(render(step(given({ activity: { kind: 'created' } }), on.start()).commands)).toEqual(['run check', 'set check 10000']);
  });
});
