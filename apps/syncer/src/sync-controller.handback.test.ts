// The handback (P5): a node whose gate closes after it pushed sends its last file once to each
// target's inbox, after its DHCP server reports Stopped (bounded), instead of losing the push the
// gate aborted. Only with delivery merge.
import type { SyncJob, WhenResult } from '@routerd/model';
import { formatReceiverReport } from '@routerd/leases';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult, RunOptions } from '@routerd/agent';
import { HANDBACK_WAIT_MS } from './handback.js';
import type { ReconcileNote } from './reconcile-notes.js';
import { SyncController, type SourceRead } from './sync-controller.js';

const SRC = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
const OPEN: WhenResult = { truth: 'true', reasons: ['VirtualAddress/lan-vip.role equals master (role master)'] };
const CLOSED: WhenResult = { truth: 'false', reasons: ['VirtualAddress/lan-vip.role equals master (role backup)'] };

function job(delivery: 'merge' | 'replace'): SyncJob {
  const target = (name: string) => {
    const argv = ['rsync', '-a', '--checksum', '--delay-updates', '--timeout=60', '-e', 'ssh', SRC, `${name}:${SRC}`];
    return { name, host: name, destination: `${name}:${SRC}`, argv, handbackArgv: [...argv.slice(0, -1), `${name}:${SRC}.routerd-handback`], pullArgv: [], sshCommand: 'ssh' };
  };
  return {
    id: 'DHCPv4ServerLeaseSync/lan',
    kind: 'DHCPv4ServerLeaseSync',
    name: 'lan',
    source: { kind: 'DHCPv4Server', name: 'lan-dhcpv4', path: SRC },
    delivery,
    interval: '30s',
    intervalMs: 30_000,
    when: undefined,
    whenText: 'VirtualAddress/lan-vip.role equals master',
    deadlineMs: 120_000,
    targets: [target('a'), target('b')],
  };
}

interface Call {
  argv: readonly string[];
  options: RunOptions;
  finish(result: Partial<CommandResult>): void;
}

function harness(delivery: 'merge' | 'replace' = 'merge') {
  const calls: Call[] = [];
  const notes: ReconcileNote[] = [];
  let gate = OPEN;
  let sha = 'sha-1';
  let stopped = false;
  let missing = false;
  const controller = new SyncController({
    job: job(delivery),
    gate: () => gate,
    readSource: async (): Promise<SourceRead> => (missing ? { kind: 'missing' } : { kind: 'ok', sha256: sha, size: 10, mtimeMs: 0, v4Count: 1, v6Count: 0, stagedPath: `/stage/${sha}` }),
    hold: () => undefined,
    release: () => undefined,
    run: (argv, options) =>
      new Promise<CommandResult>((resolve) => {
        const finish = (r: Partial<CommandResult>) => resolve({ exitCode: 0, output: '', durationMs: 5, timedOut: false, aborted: false, ...r });
        options.signal.addEventListener('abort', () => finish({ exitCode: undefined, aborted: true }));
        calls.push({ argv, options, finish });
      }),
    closeStaleMaster: async () => undefined,
    clock: { monotonic: () => Date.now(), wall: () => Date.now() },
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0 },
    onChange: () => undefined,
    onNote: (note) => notes.push(note),
    serverStopped: () => stopped,
  });
  const handbacks = () => calls.filter((c) => c.argv.at(-1)?.endsWith('.routerd-handback'));
  return {
    controller,
    calls,
    notes,
    handbacks,
    target: (name: string) => controller.status.targets.find((t) => t.name === name),
    /** The role changes: the syncer calls gateChanged on every role or promotion status. */
    setGate: (g: WhenResult) => {
      gate = g;
      controller.gateChanged();
    },
    setSha: (s: string) => {
      sha = s;
    },
    setMissing: (value: boolean) => {
      missing = value;
    },
    /** The promoter reports the server Stopped (or not): a status event, so gateChanged. */
    setStopped: (value: boolean) => {
      stopped = value;
      controller.gateChanged();
    },
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);
const merged = formatReceiverReport({ type: 'merged', leases: 3, taken: 1, kept: 2, changed: true, conflicts: [], conflictCount: 0 });

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sync-controller › handback', () => {
  it('syncer › fault: a gate closing during a push no longer loses the last change: once the server stopped, the handback carries it', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    // A lease granted just before the demotion: its push is in flight when the gate closes.
    h.setSha('sha-2');
    h.controller.trigger('change');
    await flush();
    const inFlight = h.calls.slice(2);
    expect(inFlight.map((c) => c.argv.at(-2))).toEqual(['/stage/sha-2', '/stage/sha-2']);
    h.setGate(CLOSED);
    expect(inFlight.every((c) => c.options.signal.aborted)).toBe(true);
    await flush();
    expect(h.handbacks()).toHaveLength(0);
    h.setStopped(true);
    await flush();
    expect(h.handbacks().map((c) => [c.argv.at(-2), c.argv.at(-1)])).toEqual([
      ['/stage/sha-2', `a:${SRC}.routerd-handback`],
      ['/stage/sha-2', `b:${SRC}.routerd-handback`],
    ]);
    h.handbacks().forEach((c) => c.finish({ output: merged }));
    await flush();
    expect(h.target('a')).toMatchObject({ phase: 'Pending', reason: 'WhenFalse', message: 'handback to a: merged, 3 leases (1 taken, 2 kept), 0 conflicts' });
    expect(h.target('a')?.lastMerge).toMatchObject({ leases: 3, taken: 1, kept: 2, conflicts: [] });
    expect(h.notes.filter((n) => n.action === 'handback-sent').map((n) => [n.peer, n.message, n.leases])).toEqual([
      ['a', 'handback to a: merged, 3 leases (1 taken, 2 kept), 0 conflicts', 3],
      ['b', 'handback to b: merged, 3 leases (1 taken, 2 kept), 0 conflicts', 3],
    ]);
    await h.controller.stop();
  });

  it('syncer › the handback is sent once per demotion, whatever statuses follow; held by a serving peer, it says so', async () => {
    const h = harness();
    h.setStopped(true);
    h.controller.start();
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    h.setGate(CLOSED);
    await flush();
    expect(h.handbacks()).toHaveLength(2);
    h.handbacks().forEach((c) => c.finish({ output: formatReceiverReport({ type: 'held', text: 'router-a serves; its promoter merges it' }) }));
    await flush();
    for (let i = 0; i < 3; i += 1) h.setStopped(true);
    await vi.advanceTimersByTimeAsync(HANDBACK_WAIT_MS * 2);
    expect(h.handbacks()).toHaveLength(2);
    expect(h.target('b')?.message).toBe('handback to b: held for its promoter, which merges it: router-a serves; its promoter merges it');
    // Promoted and demoted again: one more.
    h.setGate(OPEN);
    await flush();
    h.setGate(CLOSED);
    await flush();
    expect(h.handbacks()).toHaveLength(4);
    await h.controller.stop();
  });

  it('syncer › a server that never reports Stopped delays the handback by the bound, not forever, and the message says so', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    h.setGate(CLOSED);
    await vi.advanceTimersByTimeAsync(HANDBACK_WAIT_MS - 1);
    expect(h.handbacks()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.handbacks()).toHaveLength(2);
    h.handbacks().forEach((c) => c.finish({}));
    await flush();
    expect(h.target('a')?.message).toBe(`handback to a: sent (no receiver report) (sent after ${HANDBACK_WAIT_MS} ms without the DHCP server reporting Stopped)`);
    await h.controller.stop();
  });

  it('syncer › a source that no longer exists has nothing to hand back: no command, no failure event', async () => {
    const h = harness();
    h.setStopped(true);
    h.controller.start();
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    h.setMissing(true);
    h.setGate(CLOSED);
    await vi.advanceTimersByTimeAsync(HANDBACK_WAIT_MS);
    expect(h.handbacks()).toEqual([]);
    expect(h.notes.filter((n) => n.action === 'handback-sent')).toEqual([]);
    await h.controller.stop();
  });

  it('syncer › a failed handback is reported as an Error and an event, and not retried', async () => {
    const h = harness();
    h.setStopped(true);
    h.controller.start();
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    h.setGate(CLOSED);
    await flush();
    const [a, b] = h.handbacks();
    a?.finish({ exitCode: 255, output: 'ssh: connect to host a port 22: Connection refused\nrsync: connection unexpectedly closed (0 bytes received so far) [sender]' });
    b?.finish({ exitCode: 12, output: formatReceiverReport({ type: 'refused', reason: 'UnknownPath', text: `${SRC}.routerd-handback is not a lease file here` }) });
    await flush();
    const failedA = 'handback to a failed, not retried: failed with exit code 255: ssh: connect to host a port 22: Connection refused';
    expect(h.target('a')).toMatchObject({ phase: 'Error', reason: 'CommandFailed', message: failedA, consecutiveFailures: 1 });
    expect(h.target('b')).toMatchObject({ phase: 'Error', reason: 'Refused' });
    expect(h.notes.filter((n) => n.action === 'handback-sent').map((n) => [n.peer, n.reason, n.message])).toEqual([
      ['a', 'Failed', failedA],
      ['b', 'UnknownPath', `handback to b failed, not retried: b refused the handback (UnknownPath): ${SRC}.routerd-handback is not a lease file here`],
    ]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.calls).toHaveLength(4);
    await h.controller.stop();
  });

  it('syncer › no handback while the gate was never open, nor when it turns unknown, nor when it opens again before the server stopped', async () => {
    const h = harness();
    h.setGate(CLOSED);
    h.controller.start();
    await flush();
    h.setStopped(true);
    await vi.advanceTimersByTimeAsync(HANDBACK_WAIT_MS);
    expect(h.calls).toHaveLength(0);
    h.setStopped(false);
    h.setGate(OPEN);
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    // A stale role says nothing of a demotion.
    h.setGate({ truth: 'unknown', reasons: ['VirtualAddress/lan-vip.role is stale'] });
    h.setStopped(true);
    await vi.advanceTimersByTimeAsync(HANDBACK_WAIT_MS);
    expect(h.handbacks()).toHaveLength(0);
    h.setStopped(false);
    h.setGate(OPEN);
    await flush();
    h.calls.slice(2).forEach((c) => c.finish({}));
    await flush();
    // Closed, then open again (re-elected) before the server stopped: it serves, nothing to hand back.
    h.setGate(CLOSED);
    h.setGate(OPEN);
    h.setStopped(true);
    await vi.advanceTimersByTimeAsync(HANDBACK_WAIT_MS);
    expect(h.handbacks()).toHaveLength(0);
    await h.controller.stop();
  });

  it('syncer › no handback with delivery replace: the peer overwrites its file with each push', async () => {
    const h = harness('replace');
    h.setStopped(true);
    h.controller.start();
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    h.setGate(CLOSED);
    await vi.advanceTimersByTimeAsync(HANDBACK_WAIT_MS);
    expect(h.calls).toHaveLength(2);
    expect(h.notes).toEqual([]);
    await h.controller.stop();
  });
});
