// The transition as a table, a promotion that reconciles its lease file (P5, P6): the fetch replaces the
// settle timer, a handback or a pull is merged while the server is stopped, then start runs holding the
// lock; a pull that fails serves what it has and says so; the role changing or a halt abandons the fetch.
import { describe, expect, it } from 'vitest';
import { M0, T0 } from '../testing/fakes.js';
import { eventsOf, given, heard, LIVE, named, on, render, step, WITH_LEASES, type StatePatch, type TransitionRow } from '../testing/machine.js';
import type { Fetched, MergeCounts } from './messages.js';
import type { PendingReconcile } from './state.js';

const CONFLICT = { address: '192.0.2.50', winner: { client: '01:aa', expiry: 2000, from: 'incoming' }, loser: { client: '01:bb', expiry: 1500, from: 'live' } } as const;
const COUNTS: MergeCounts = { changed: true, leases: 40, taken: 3, kept: 2, conflicts: [CONFLICT] };
const SILENT = { peer: 'router-b', reason: 'PeerNotAnswering', text: 'router-b did not answer within 1s' } as const;
const HANDBACK: Fetched = { live: LIVE, source: 'handback' };
const PULLED: Fetched = { live: LIVE, source: 'pull', peer: 'router-b', failures: [] };
const NOTHING: Fetched = { live: LIVE, source: 'none', failures: [SILENT] };
const FETCHING = { kind: 'fetching', epoch: 1, startedAt: T0, since: M0, aborting: false } as const;
const pending = (fetched: Fetched): PendingReconcile => ({ trigger: 'promotion', epoch: 1, startedAt: T0, since: M0, files: WITH_LEASES.leaseFiles, fetched: [fetched] });
/** Mastership 1 of a promotion with a lease file has begun (a fresh master at M0); the server is stopped. */
const master1 = (patch: StatePatch = {}) =>
  given({ plan: WITH_LEASES, role: { observed: heard('master'), lastKnown: 'master' }, mastership: { epoch: 1 }, status: { phase: 'Stopped', reason: 'Settling' }, ...patch });
const UNREACHABLE = "serving without the peer's leases: router-b did not answer within 1s";

const rows: TransitionRow[] = [
  {
    name: 'the first fresh master fetches the peer file for settle instead of only waiting',
    state: given({ plan: WITH_LEASES, status: { phase: 'Stopped' } }),
    event: on.role(heard('master')),
    commands: ['set stale 6001', 'fetch 1000', 'publish Stopped/Settling'],
    next: {
      activity: FETCHING,
      mastership: { epoch: 1, settled: undefined },
      status: { message: "waiting up to 1000 ms for router-b's handback (pulling its lease file meanwhile) before starting the DHCP server" },
    },
  },
  {
    name: 'start() with lease files also looks for handbacks every second',
    state: given({ plan: WITH_LEASES, activity: { kind: 'created' } }),
    event: on.start(),
    commands: ['run check', 'set check 10000', 'set inbox 1000'],
    next: { activity: { kind: 'learning' } },
  },
  {
    name: 'a master heartbeat during the fetch changes nothing',
    state: master1({ activity: FETCHING }),
    event: on.role(heard('master', 500)),
    commands: ['set stale 6001'],
    next: { activity: FETCHING },
  },
  {
    name: 'a handback came: it is merged while the server is stopped',
    state: master1({ activity: FETCHING }),
    event: on.fetched([HANDBACK], 400),
    commands: ['merge handback', 'publish Stopped/Settling'],
    next: { activity: { kind: 'merging', pending: { ...pending(HANDBACK), fetched: [HANDBACK] } }, status: { message: "merging router-b's handback before starting the DHCP server" } },
  },
  {
    name: 'no handback, the pull answered: the pulled file is merged',
    state: master1({ activity: FETCHING }),
    event: on.fetched([PULLED], 1000),
    commands: ['merge pull', 'publish Stopped/Settling'],
    next: { activity: { kind: 'merging' }, status: { message: "merging router-b's lease file before starting the DHCP server" } },
  },
  {
    name: 'the merge is done: the mastership is settled and start runs holding the lease file lock',
    state: master1({ activity: { kind: 'merging', pending: pending(HANDBACK) } }),
    event: on.merged([{ live: LIVE, outcome: 'merged', counts: COUNTS }], 420),
    commands: ['event handback-merged', 'event conflict', 'publish Stopped/Settling', 'publish Starting', 'run start locked'],
    next: {
      activity: { kind: 'starting', epoch: 1 },
      mastership: { settled: 1 },
      reconcile: {
        note: { epoch: 1, reason: undefined, message: 'merged 40 leases from router-b, 1 conflicts' },
        last: {
          trigger: 'promotion',
          at: new Date(T0).toISOString(),
          durationMs: 420,
          message: 'merged 40 leases from router-b, 1 conflicts',
          files: [{ path: LIVE, peer: 'router-b', result: 'handback-merged', message: 'merged 40 leases from router-b, 1 conflicts', leases: 40, taken: 3, kept: 2, conflicts: [CONFLICT] }],
        },
      },
    },
  },
  {
    name: 'Serving after a reconciled start: the status says what was merged',
    state: master1({ activity: { kind: 'verifying', argv: ['check'], epoch: 1 }, status: { phase: 'Starting', role: 'master' }, reconcile: { note: { epoch: 1, reason: undefined, message: 'merged 40 leases from router-b, 1 conflicts' } } }),
    event: on.done(0, 500),
    commands: ['publish Serving', 'publish Serving'],
    next: { status: { phase: 'Serving', reason: undefined, message: 'merged 40 leases from router-b, 1 conflicts' } },
  },
  {
    name: 'the pull failed and no handback came: serve what it has (start runs) and say so',
    state: master1({ activity: FETCHING }),
    event: on.fetched([NOTHING], 1000),
    commands: ['event pull-failed', 'publish Stopped/Settling', 'publish Starting', 'run start locked'],
    next: {
      activity: { kind: 'starting' },
      mastership: { settled: 1 },
      reconcile: { note: { epoch: 1, reason: 'Unreconciled', message: UNREACHABLE }, last: { files: [{ result: 'pull-failed', reason: 'PeerNotAnswering', message: 'router-b did not answer within 1s' }] } },
    },
  },
  {
    name: 'Serving without the peer leases: reason Unreconciled, kept through the heartbeats of the mastership',
    state: master1({ activity: { kind: 'verifying', argv: ['check'], epoch: 1 }, status: { phase: 'Starting', role: 'master' }, reconcile: { note: { epoch: 1, reason: 'Unreconciled', message: UNREACHABLE } } }),
    event: on.done(0, 1100),
    commands: ['publish Serving/Unreconciled', 'publish Serving/Unreconciled'],
    next: { status: { phase: 'Serving', reason: 'Unreconciled', message: UNREACHABLE } },
  },
  {
    name: 'a master heartbeat keeps the Unreconciled note of the serving mastership',
    state: master1({ status: { phase: 'Serving', role: 'master', reason: 'Unreconciled', message: UNREACHABLE }, mastership: { epoch: 1, served: 1, settled: 1 }, reconcile: { note: { epoch: 1, reason: 'Unreconciled', message: UNREACHABLE } } }),
    event: on.role(heard('master', 2000)),
    commands: ['set stale 6001', 'publish Serving/Unreconciled'],
    next: { status: { reason: 'Unreconciled', message: UNREACHABLE } },
  },
  {
    name: 'the server is not known stopped (the first check could not tell): stop first, then merge',
    state: master1({ activity: FETCHING, status: { phase: 'Unknown', reason: 'Settling' } }),
    event: on.fetched([HANDBACK], 300),
    commands: ['publish Stopping/Settling', 'run stop', 'publish Stopping/Settling'],
    next: { activity: { kind: 'pausing', argv: ['stop'], startedAt: T0 + 300 } },
  },
  {
    name: 'that stop exited 0: Stopped, and the merge runs',
    state: master1({ activity: { kind: 'pausing', argv: ['stop'], startedAt: T0, pending: pending(HANDBACK) }, status: { phase: 'Stopping', reason: 'Settling' } }),
    event: on.done(0, 320),
    commands: ['merge handback', 'publish Stopped/Settling'],
    next: { activity: { kind: 'merging' }, status: { phase: 'Stopped', lastCommand: { argv: ['stop'], exitCode: 0 } } },
  },
  {
    name: 'backup during the fetch stops it; nothing is merged',
    state: master1({ activity: FETCHING }),
    event: on.role(heard('backup', 300)),
    commands: ['set stale 6001', 'abort'],
    next: { activity: { ...FETCHING, aborting: true } },
  },
  {
    name: 'the abandoned fetch ends: no merge, no start; the standby stays stopped',
    state: master1({ activity: { ...FETCHING, aborting: true }, role: { observed: heard('backup', 300), lastKnown: 'backup' } }),
    event: on.fetched([HANDBACK], 310, true),
    commands: ['publish Stopped/Settling', 'publish Stopped'],
    next: { activity: { kind: 'idle' }, mastership: { settled: undefined }, status: { role: 'backup', reason: undefined } },
  },
  {
    name: 'unknown during the fetch stops it too (the settle pauses, as before)',
    state: master1({ activity: FETCHING }),
    event: on.role(heard('unknown', 300)),
    commands: ['set stale 6001', 'abort'],
    next: { activity: { aborting: true } },
  },
  {
    name: 'role flapping: master again (a new mastership) while the abandoned fetch ends: a new fetch',
    state: master1({ activity: { ...FETCHING, aborting: true }, role: { observed: heard('master', 400), lastKnown: 'master' }, mastership: { epoch: 2 } }),
    event: on.fetched([NOTHING], 410, true),
    commands: ['publish Stopped/Settling', 'fetch 1000', 'publish Stopped/Settling'],
    next: { activity: { kind: 'fetching', epoch: 2, aborting: false }, mastership: { epoch: 2, settled: undefined }, reconcile: { last: undefined } },
  },
  {
    name: 'a fetch that ends after the role went stale merges nothing',
    state: master1({ activity: FETCHING }),
    event: on.fetched([HANDBACK], 6001),
    commands: ['publish Stopped/Settling', 'publish Stopped/RoleStale'],
    next: { activity: { kind: 'idle' }, mastership: { settled: undefined } },
  },
  {
    name: 'halt during the fetch stops it and every timer',
    state: master1({ activity: FETCHING }),
    event: on.halt(200),
    commands: ['abort', 'cancel stale', 'cancel check', 'cancel inbox'],
    next: { halted: true, activity: { aborting: true } },
  },
  {
    name: 'once halted, the fetch that ends merges nothing and nothing starts',
    state: master1({ activity: { ...FETCHING, aborting: true }, halted: true }),
    event: on.fetched([HANDBACK], 210, true),
    commands: ['publish Stopped/Settling'],
    next: { activity: { kind: 'idle' }, mastership: { settled: undefined } },
  },
  {
    name: 'once halted, a merge that ends is reported but nothing starts',
    state: master1({ activity: { kind: 'merging', pending: pending(PULLED) }, halted: true }),
    event: on.merged([{ live: LIVE, outcome: 'merged', counts: { ...COUNTS, conflicts: [] } }], 300),
    commands: ['event pull-merged', 'publish Stopped/Settling'],
    next: { activity: { kind: 'idle' } },
  },
];

describe('dhcp-promoter › promotion machine transitions, a promotion that reconciles', () => {
  it.each(named(rows))('dhcp-promoter › %s', (_name, { state, event, commands, next }) => {
    const result = step(state, event);
    expect(render(result.commands)).toEqual(commands);
    expect(result.state).toMatchObject(next);
  });

  it('dhcp-promoter › the events of a merge: one for the merge, one per conflict, each naming the source and the peer', () => {
    const result = step(master1({ activity: { kind: 'merging', pending: pending(PULLED) } }), on.merged([{ live: LIVE, outcome: 'merged', counts: COUNTS }], 900));
    const at = new Date(T0 + 900).toISOString();
    expect(eventsOf(result.commands)).toEqual([
      { action: 'pull-merged', peer: 'router-b', message: 'merged 40 leases from router-b, 1 conflicts', leases: 40, taken: 3, kept: 2, conflicts: [CONFLICT], conflictCount: 1, at, kind: 'DHCPv4Server', name: 'lan-dhcpv4' },
      {
        action: 'conflict',
        peer: 'router-b',
        message: '192.0.2.50: 01:aa keeps it (incoming, expiry 2000), 01:bb loses it (live, expiry 1500)',
        conflicts: [CONFLICT],
        at,
        kind: 'DHCPv4Server',
        name: 'lan-dhcpv4',
      },
    ]);
  });

  it('dhcp-promoter › a merge with thousands of conflicts lists 20 in its events and the status and counts them all, so both stay publishable', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...CONFLICT, address: `192.0.2.${i % 250}` }));
    const result = step(master1({ activity: { kind: 'merging', pending: pending(PULLED) } }), on.merged([{ live: LIVE, outcome: 'merged', counts: { ...COUNTS, conflicts: many } }], 900));
    const events = eventsOf(result.commands);
    expect(events[0]).toMatchObject({ action: 'pull-merged', message: 'merged 40 leases from router-b, 3000 conflicts', conflictCount: 3000 });
    expect(events[0]?.conflicts).toHaveLength(20);
    expect(events.filter((e) => e.action === 'conflict')).toHaveLength(20);
    const file = result.state.reconcile.last?.files[0];
    expect(file).toMatchObject({ conflictCount: 3000 });
    expect(file?.conflicts).toHaveLength(20);
    expect(JSON.stringify(result.state.reconcile.last).length).toBeLessThan(16_384);
  });

  it('dhcp-promoter › a failed pull is an event with its reason; a pulled file that does not merge is one too, and the note names both', () => {
    const earlier = { peer: 'router-c', reason: 'UnknownPath', text: 'router-c refused the pull (UnknownPath): /x is not a lease path of this node' } as const;
    const fetched: Fetched = { live: LIVE, source: 'pull', peer: 'router-b', failures: [earlier] };
    const result = step(master1({ activity: { kind: 'merging', pending: pending(fetched) } }), on.merged([{ live: LIVE, outcome: 'failed', error: 'cannot merge: line 1: bad' }], 900));
    expect(eventsOf(result.commands).map((e) => [e.action, e.peer, e.reason, e.message])).toEqual([
      ['pull-failed', 'router-c', 'UnknownPath', earlier.text],
      ['pull-failed', 'router-b', 'Failed', 'could not merge the lease file pulled from router-b: cannot merge: line 1: bad'],
    ]);
    expect(result.state.reconcile.note).toEqual({ epoch: 1, reason: 'Unreconciled', message: "serving without the peer's leases: could not merge the lease file pulled from router-b: cannot merge: line 1: bad" });
    // It still starts: a master serves what it has.
    expect(render(result.commands)).toContain('run start locked');
  });
});
