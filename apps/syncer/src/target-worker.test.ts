import type { TargetPlan } from '@routerd/model';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult, RunOptions } from '@routerd/agent';
import type { ReconcileNote } from './reconcile-notes.js';
import type { PushTrace } from './push-trace.js';
import { TargetWorker, type SyncerClock } from './target-worker.js';

const SRC = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
const T0 = 1_000_000;
const HOUR = 3_600_000;
const target = {
  name: 'standby',
  host: '198.51.100.2',
  destination: `198.51.100.2:${SRC}`,
  argv: ['rsync', '-a', '-e', 'ssh', SRC, `198.51.100.2:${SRC}`],
  handbackArgv: ['rsync', '-a', '-e', 'ssh', SRC, `198.51.100.2:${SRC}.routerd-handback`],
  sshCommand: 'ssh',
} as unknown as TargetPlan;

interface Call {
  options: RunOptions;
  finish(result: Partial<CommandResult>): void;
}

/** A worker on a clock whose wall time can be stepped while the monotonic one runs on (fake timers drive both). */
function harness(trace?: PushTrace) {
  let wallStep = 0;
  const calls: Call[] = [];
  const events: string[] = [];
  const notes: ReconcileNote[] = [];
  const clock: SyncerClock = { monotonic: () => Date.now() - T0 + 5_000, wall: () => Date.now() + wallStep };
  const worker = new TargetWorker({
    target,
    sourceIndex: 4,
    deadlineMs: 120_000,
    run: (_argv, options) =>
      new Promise<CommandResult>((resolve) => {
        events.push('run');
        const finish = (r: Partial<CommandResult>) => resolve({ exitCode: 0, output: '', durationMs: 5, timedOut: false, aborted: false, ...r });
        options.signal.addEventListener('abort', () => finish({ exitCode: undefined, aborted: true }));
        calls.push({ options, finish });
      }),
    gateOpen: () => true,
    clock,
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0 },
    onChange: () => undefined,
    hold: () => undefined,
    release: () => undefined,
    closeStaleMaster: async () => {
      events.push('close master');
    },
    onNote: (note) => notes.push(note),
    ...(trace === undefined ? {} : { trace }),
  });
  const offer = (sha = 'sha-1') => worker.offer({ sha256: sha, path: `/stage/${sha}`, changeObservedAt: clock.monotonic() });
  return { worker, calls, events, notes, clock, offer, stepWall: (ms: number) => (wallStep += ms) };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('target-worker', () => {
  it.each([-HOUR, HOUR])('target-worker › a failed target retries after its backoff when the wall clock steps by %i ms', async (step) => {
    const h = harness();
    h.offer();
    await flush();
    h.calls[0]?.finish({ exitCode: 12, output: 'rsync error: error in rsync protocol data stream (code 12)' });
    await flush();
    expect(h.worker.state).toMatchObject({ phase: 'Error', reason: 'CommandFailed', consecutiveFailures: 1, nextAttemptAt: T0 + 1000 });
    h.stepWall(step);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls).toHaveLength(2);
    await h.worker.stop();
  });

  it('target-worker › the lag is measured on the monotonic clock, whatever the wall clock does meanwhile', async () => {
    const h = harness();
    h.offer();
    await flush();
    h.stepWall(-HOUR);
    await vi.advanceTimersByTimeAsync(300);
    h.calls[0]?.finish({});
    await flush();
    expect(h.worker.state).toMatchObject({ phase: 'Synced', lagMs: 300, lastSuccessAt: T0 + 300 - HOUR });
    await h.worker.stop();
  });

  it('target-worker › a peer that does not answer: Error naming the host, and its master closed before the next attempt', async () => {
    const h = harness();
    h.offer();
    await flush();
    h.calls[0]?.finish({ exitCode: 255, output: 'Timeout, server 198.51.100.2 not responding.\r\nrsync: connection unexpectedly closed (0 bytes received so far) [sender]' });
    await flush();
    expect(h.worker.state).toMatchObject({
      phase: 'Error',
      reason: 'PeerNotAnswering',
      message: '198.51.100.2 does not answer: Timeout, server 198.51.100.2 not responding. (exit code 255)',
      exitCode: 255,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.events).toEqual(['run', 'close master', 'run']);
    // While the retry runs the target stays in Error with its reason: an operator polling it sees the failure.
    expect(h.worker.state).toMatchObject({ phase: 'Error', reason: 'PeerNotAnswering', consecutiveFailures: 1 });
    h.calls[1]?.finish({ timedOut: true, exitCode: undefined });
    await flush();
    expect(h.worker.state).toMatchObject({ reason: 'PeerNotAnswering', message: '198.51.100.2 does not answer: no result within the deadline of 120000 ms', consecutiveFailures: 2 });
    // A timeout has no exit code: the 255 of the attempt before must not linger.
    expect(h.worker.state.exitCode).toBeUndefined();
    await h.worker.stop();
  });

  it('target-worker › a push aborted by the gate says so, without the exit code of the push before it', async () => {
    const h = harness();
    h.offer();
    await flush();
    h.calls[0]?.finish({});
    await flush();
    h.offer('sha-2');
    await flush();
    h.worker.abort('WhenUnknown');
    await flush();
    expect(h.worker.state).toMatchObject({ phase: 'Pending', reason: 'WhenUnknown', consecutiveFailures: 0, message: 'push aborted after 5 ms: the gate closed (WhenUnknown)' });
    expect(h.worker.state.exitCode).toBeUndefined();
    await h.worker.stop();
  });

  it('target-worker › a silent peer is tried again at least every 4 s however long it stays silent; a failing command backs off to a minute', async () => {
    const h = harness();
    h.offer();
    const failAll = async (result: Partial<CommandResult>, times: number) => {
      for (let i = 0; i < times; i += 1) {
        await vi.advanceTimersByTimeAsync(60_000);
        h.calls.at(-1)?.finish(result);
        await flush();
      }
    };
    await failAll({ exitCode: 255, output: 'ssh: connect to host 198.51.100.2 port 22: Connection timed out' }, 8);
    expect(h.worker.state).toMatchObject({ reason: 'PeerNotAnswering', consecutiveFailures: 8, nextAttemptAt: Date.now() + 4000 });
    await failAll({ exitCode: 255, output: 'ssh: connect to host 198.51.100.2 port 22: Connection refused' }, 1);
    expect(h.worker.state).toMatchObject({ reason: 'CommandFailed', consecutiveFailures: 9, nextAttemptAt: Date.now() + 60_000 });
    await h.worker.stop();
  });

  it('target worker › a trace gets each push: the offer, spawn and exit times of the copy it shipped', async () => {
    const traced: Parameters<PushTrace>[] = [];
    const h = harness((what, fields) => traced.push([what, fields]));
    h.offer('sha-a');
    await flush();
    // Offered while the first push runs: shipped next, and only its own offer time goes with it.
    h.offer('sha-b');
    h.calls[0]!.finish({});
    await flush();
    h.calls[1]!.finish({ exitCode: 0 });
    await flush();
    expect(traced.map(([what, f]) => [what, f.sha256, f.target, f.exitCode])).toEqual([
      ['rsync', 'sha-a', 'standby', 0],
      ['rsync', 'sha-b', 'standby', 0],
    ]);
    for (const [, f] of traced) {
      expect(typeof f.offeredAt).toBe('number');
      expect(f.offeredAt as number).toBeLessThanOrEqual(f.spawnAt as number);
      expect(f.spawnAt as number).toBeLessThanOrEqual(f.exitAt as number);
    }
  });
});
