// The receiver's one-line report (stderr, through ssh and our rsync) as the target's status and the
// lease-safety events: merges, conflicts, refusals, and a peer that reports nothing.
import type { TargetPlan } from '@routerd/model';
import { formatReceiverReport, type ReceiverReport, type ReportedConflict } from '@routerd/leases';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult } from '@routerd/agent';
import type { ReconcileNote } from './reconcile-notes.js';
import { TargetWorker } from './target-worker.js';

const SRC = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
const T0 = 1_000_000;
const target = {
  name: 'router-b',
  host: '198.51.100.2',
  destination: `198.51.100.2:${SRC}`,
  argv: ['rsync', '-a', '-e', 'ssh', SRC, `198.51.100.2:${SRC}`],
  handbackArgv: ['rsync', '-a', '-e', 'ssh', SRC, `198.51.100.2:${SRC}.routerd-handback`],
  sshCommand: 'ssh',
} as unknown as TargetPlan;

const CONFLICT: ReportedConflict = {
  address: '192.0.2.130',
  winner: { client: '01:02:00:00:00:30:10', expiry: 1795649016, from: 'live' },
  loser: { client: '02:00:00:00:30:11', expiry: 1795649000, from: 'incoming' },
};
const SPLIT_BRAIN = 'router-b holds VirtualAddress/lan-vip (192.0.2.1/32) and its DHCP server runs';

/** rsync's output around the receiver's line, as the pusher sees it. */
const said = (report: ReceiverReport, rsyncLines = '') => `${rsyncLines}${formatReceiverReport(report)}`.trimEnd();
const merged = (fields: Partial<Extract<ReceiverReport, { type: 'merged' }>> = {}): ReceiverReport => ({
  type: 'merged', leases: 40, taken: 38, kept: 2, changed: true, conflicts: [], conflictCount: fields.conflicts?.length ?? 0, ...fields,
});
const refusedLine = (reason: 'SplitBrain' | 'Busy' | 'UnknownPath', text: string) =>
  said({ type: 'refused', reason, text }, 'rsync: connection unexpectedly closed (0 bytes received so far) [sender]\n');

function harness() {
  const results: Partial<CommandResult>[] = [];
  const argvs: string[][] = [];
  const notes: ReconcileNote[] = [];
  const worker = new TargetWorker({
    target,
    sourceIndex: 4,
    deadlineMs: 120_000,
    run: async (argv) => {
      argvs.push([...argv]);
      const next = results.shift() ?? {};
      return { exitCode: 0, output: '', durationMs: 5, timedOut: false, aborted: false, ...next };
    },
    gateOpen: () => true,
    clock: { monotonic: () => Date.now(), wall: () => Date.now() },
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0 },
    onChange: () => undefined,
    hold: () => undefined,
    release: () => undefined,
    closeStaleMaster: async () => undefined,
    onNote: (note) => notes.push(note),
  });
  /** Queues what the next runs answer, offers a copy and lets the first run finish. */
  const push = async (sha: string, ...answers: Partial<CommandResult>[]) => {
    results.push(...answers);
    worker.offer({ sha256: sha, path: `/stage/${sha}`, changeObservedAt: Date.now() });
    await vi.advanceTimersByTimeAsync(0);
  };
  return { worker, notes, argvs, push, queue: (...answers: Partial<CommandResult>[]) => results.push(...answers), actions: () => notes.map((n) => n.action) };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('target-worker › receiver reports', () => {
  it('syncer › a merge that changed the peer\'s file: Synced with the last merge, one push-merged event and one per conflict', async () => {
    const h = harness();
    await h.push('sha-1', { output: said(merged({ conflicts: [CONFLICT] })) });
    expect(h.worker.state).toMatchObject({ phase: 'Synced', syncedSha256: 'sha-1', lastMerge: { at: T0, leases: 40, taken: 38, kept: 2, conflicts: [CONFLICT] } });
    expect(h.worker.state.reason).toBeUndefined();
    expect(h.notes).toEqual([
      { action: 'push-merged', peer: 'router-b', at: T0, message: 'router-b merged the push: 40 leases (38 taken, 2 kept), 1 conflicts', leases: 40, taken: 38, kept: 2, conflicts: [CONFLICT], conflictCount: 1 },
      {
        action: 'conflict',
        peer: 'router-b',
        at: T0,
        message:
          "conflict on 192.0.2.130 at router-b: 01:02:00:00:00:30:10 (router-b's lease, expires 2026-11-25T23:23:36.000Z) keeps it over 02:00:00:00:30:11 (our lease, expires 2026-11-25T23:23:20.000Z)",
        conflicts: [CONFLICT],
      },
    ]);
    await h.worker.stop();
  });

  it('syncer › a merge that changed nothing and met no conflict publishes no event, but is the last merge', async () => {
    const h = harness();
    await h.push('sha-1', { output: said(merged({ changed: false, taken: 40, kept: 0 })) });
    expect(h.worker.state).toMatchObject({ phase: 'Synced', lastMerge: { leases: 40, taken: 40, kept: 0, conflicts: [] } });
    expect(h.notes).toEqual([]);
    // A no-op merge with a conflict is news all the same.
    await h.push('sha-2', { output: said(merged({ changed: false, conflicts: [CONFLICT] })) });
    expect(h.actions()).toEqual(['push-merged', 'conflict']);
    await h.worker.stop();
  });

  it('syncer › a peer in split brain: Error/SplitBrain naming the peer and its words, retried with backoff, one push-refused event until it changes', async () => {
    const h = harness();
    const refused = { exitCode: 12, output: refusedLine('SplitBrain', SPLIT_BRAIN) };
    await h.push('sha-1', refused, refused, refused);
    const message = `split brain: router-b (198.51.100.2) serves DHCP itself and refused the push: ${SPLIT_BRAIN}`;
    expect(h.worker.state).toMatchObject({ phase: 'Error', reason: 'SplitBrain', message, consecutiveFailures: 1, nextAttemptAt: T0 + 1000, exitCode: 12 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.worker.state).toMatchObject({ phase: 'Error', reason: 'SplitBrain', consecutiveFailures: 2, nextAttemptAt: T0 + 1000 + 2000 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.argvs).toHaveLength(3);
    expect(h.worker.state).toMatchObject({ phase: 'Error', reason: 'SplitBrain', message, consecutiveFailures: 3 });
    expect(h.notes).toEqual([{ action: 'push-refused', peer: 'router-b', at: T0, message, reason: 'SplitBrain' }]);
    // The split brain ends: the next retry merges; a later refusal is news again.
    h.queue({ output: said(merged()) });
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.worker.state).toMatchObject({ phase: 'Synced', consecutiveFailures: 0 });
    await h.push('sha-2', refused);
    expect(h.actions()).toEqual(['push-refused', 'push-merged', 'push-refused']);
    await h.worker.stop();
  });

  it('syncer › any other refusal is Error/Refused with the receiver\'s reason; a different refusal is a new event', async () => {
    const h = harness();
    await h.push('sha-1', { exitCode: 12, output: refusedLine('Busy', 'the lease file is locked by pid 4242') }, { exitCode: 12, output: refusedLine('UnknownPath', `${SRC} is not a lease file of this configuration`) });
    expect(h.worker.state).toMatchObject({ phase: 'Error', reason: 'Refused', message: 'router-b (198.51.100.2) refused the push (Busy): the lease file is locked by pid 4242' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.worker.state).toMatchObject({ phase: 'Error', reason: 'Refused', message: `router-b (198.51.100.2) refused the push (UnknownPath): ${SRC} is not a lease file of this configuration` });
    expect(h.notes.map((n) => [n.action, n.reason])).toEqual([
      ['push-refused', 'Busy'],
      ['push-refused', 'UnknownPath'],
    ]);
    await h.worker.stop();
  });

  it('syncer › a peer without a receiver reports nothing: Synced as before, the last merge kept, no event; a failure is CommandFailed as before', async () => {
    const h = harness();
    await h.push('sha-1', { output: said(merged()) });
    const lastMerge = h.worker.state.lastMerge;
    await h.push('sha-2', { output: '' });
    expect(h.worker.state).toMatchObject({ phase: 'Synced', syncedSha256: 'sha-2', lastMerge });
    expect(h.worker.state.message).toBeUndefined();
    expect(h.actions()).toEqual(['push-merged']);
    await h.push('sha-3', { exitCode: 23, output: 'rsync: [receiver] mkstemp "/var/lib/routerd/dnsmasq/.dnsmasq.leases.x" failed: No such file or directory (2)' });
    expect(h.worker.state).toMatchObject({ phase: 'Error', reason: 'CommandFailed' });
    expect(h.actions()).toEqual(['push-merged']);
    await h.worker.stop();
  });

  it('syncer › a report that does not parse is said in the message, not taken for a merge', async () => {
    const h = harness();
    await h.push('sha-1', { output: 'routerd-lease-receiver: merged {"leases":40,"taken"' });
    expect(h.worker.state).toMatchObject({ phase: 'Synced', message: 'the receiver\'s report did not parse: routerd-lease-receiver: merged {"leases":40,"taken"' });
    expect(h.worker.state.lastMerge).toBeUndefined();
    expect(h.notes).toEqual([]);
    await h.worker.stop();
  });
});
