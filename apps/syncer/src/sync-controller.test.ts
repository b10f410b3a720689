import type { SyncJob, WhenResult } from '@routerd/model';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackoffPolicy, CommandResult, RunOptions } from '@routerd/agent';
import type { PushTrace } from './push-trace.js';
import { SyncController, type ControllerState, type SourceRead } from './sync-controller.js';

const SRC = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };

function target(name: string) {
  const argv = ['rsync', '-a', '--checksum', '--delay-updates', '--timeout=60', '-e', 'ssh', SRC, `${name}:${SRC}`];
  return { name, host: name, destination: `${name}:${SRC}`, argv, handbackArgv: [...argv.slice(0, -1), `${name}:${SRC}.routerd-handback`], sshCommand: 'ssh' };
}

const job = {
  id: 'DHCPv4ServerLeaseSync/lan',
  kind: 'DHCPv4ServerLeaseSync',
  name: 'lan',
  source: { kind: 'DHCPv4Server', name: 'lan-dhcpv4', path: SRC },
  delivery: 'merge',
  interval: '30s',
  intervalMs: 30_000,
  when: undefined,
  whenText: 'always',
  deadlineMs: 120_000,
  targets: [target('a'), target('b')],
} as unknown as SyncJob;

interface Call {
  argv: readonly string[];
  options: RunOptions;
  finish(result: Partial<CommandResult>): void;
}

function harness(trace?: PushTrace) {
  const calls: Call[] = [];
  let gate: WhenResult = { truth: 'true', reasons: [] };
  let sha = 'sha-1';
  const states: ControllerState[] = [];
  const controller = new SyncController({
    job,
    gate: () => gate,
    readSource: async (): Promise<SourceRead> => ({ kind: 'ok', sha256: sha, size: 10, mtimeMs: 0, v4Count: 1, v6Count: 0, stagedPath: `/stage/${sha}` }),
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
    backoff: { ...DEFAULT_BACKOFF, jitter: 0 },
    onChange: (s) => states.push(structuredClone(s)),
    onNote: () => undefined,
    serverStopped: () => true,
    ...(trace === undefined ? {} : { trace }),
  });
  return {
    controller,
    calls,
    states,
    setGate: (g: WhenResult) => {
      gate = g;
    },
    setSha: (s: string) => {
      sha = s;
    },
    callsTo: (name: string) => calls.filter((c) => c.argv.at(-1)?.startsWith(`${name}:`)),
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sync-controller', () => {
  it('syncer › ships the staged copy, not the live file, to every target', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    expect(h.calls).toHaveLength(2);
    expect(h.calls[0]?.argv.at(-2)).toBe('/stage/sha-1');
    expect(h.calls[0]?.argv.at(-1)).toBe(`a:${SRC}`);
    h.calls.forEach((c) => c.finish({}));
    await flush();
    expect(h.controller.status.phase).toBe('Synced');
    await h.controller.stop();
  });

  it('syncer › skips when role is backup: nothing runs, status Pending/WhenFalse', async () => {
    const h = harness();
    h.setGate({ truth: 'false', reasons: ['VirtualAddress/lan-vip.role is "backup", expected equals "master"'] });
    h.controller.start();
    await flush();
    expect(h.calls).toHaveLength(0);
    expect(h.controller.status).toMatchObject({ phase: 'Pending', reason: 'WhenFalse' });
    await h.controller.stop();
  });

  it('syncer › an unknown gate does not run either (Pending/WhenUnknown)', async () => {
    const h = harness();
    h.setGate({ truth: 'unknown', reasons: ['stale'] });
    h.controller.start();
    await flush();
    expect(h.calls).toHaveLength(0);
    expect(h.controller.status).toMatchObject({ phase: 'Pending', reason: 'WhenUnknown' });
    await h.controller.stop();
  });

  it('syncer › changes arriving during a run coalesce into one more run', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    expect(h.callsTo('a')).toHaveLength(1);
    for (let i = 2; i <= 6; i++) {
      h.setSha(`sha-${i}`);
      h.controller.trigger('change');
      await flush();
    }
    expect(h.callsTo('a')).toHaveLength(1);
    h.calls.forEach((c) => c.finish({}));
    await flush();
    const a = h.callsTo('a');
    expect(a).toHaveLength(2);
    expect(a[1]?.argv.at(-2)).toBe('/stage/sha-6');
    await h.controller.stop();
  });

  it('syncer › a failing target backs off and does not block the other', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    h.callsTo('a')[0]?.finish({ exitCode: 255, output: 'ssh: connect to host a port 22: Connection refused' });
    h.callsTo('b')[0]?.finish({});
    await flush();
    expect(h.controller.status).toMatchObject({ phase: 'Error', reason: 'SyncFailed' });
    expect(h.controller.status.targets.find((t) => t.name === 'b')).toMatchObject({ phase: 'Synced' });
    const a = h.controller.status.targets.find((t) => t.name === 'a');
    expect(a).toMatchObject({ phase: 'Error', consecutiveFailures: 1, exitCode: 255 });
    expect(a?.output).toContain('Connection refused');
    // b keeps syncing changes while a waits out its backoff.
    h.setSha('sha-2');
    h.controller.trigger('change');
    await flush();
    expect(h.callsTo('b')).toHaveLength(2);
    expect(h.callsTo('a')).toHaveLength(1);
    h.callsTo('b')[1]?.finish({});
    await vi.advanceTimersByTimeAsync(999);
    expect(h.callsTo('a')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.callsTo('a')).toHaveLength(2);
    expect(h.callsTo('a')[1]?.argv.at(-2)).toBe('/stage/sha-2');
    h.callsTo('a')[1]?.finish({});
    await flush();
    expect(h.controller.status.phase).toBe('Synced');
    expect(h.controller.status.targets.every((t) => t.consecutiveFailures === 0)).toBe(true);
    await h.controller.stop();
  });

  it('syncer › the backoff doubles per consecutive failure', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    h.callsTo('b')[0]?.finish({});
    const fail = async () => {
      h.callsTo('a').at(-1)?.finish({ exitCode: 12 });
      await flush();
    };
    await fail();
    expect(h.controller.status.targets[0]?.nextAttemptAt).toBe(Date.now() + 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await fail();
    expect(h.controller.status.targets[0]?.nextAttemptAt).toBe(Date.now() + 2000);
    await vi.advanceTimersByTimeAsync(2000);
    await fail();
    expect(h.controller.status.targets[0]).toMatchObject({ consecutiveFailures: 3 });
    expect(h.controller.status.targets[0]?.nextAttemptAt).toBe(Date.now() + 4000);
    await h.controller.stop();
  });

  it('syncer › the gate closing aborts rsync in flight', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    expect(h.calls.every((c) => !c.options.signal.aborted)).toBe(true);
    h.setGate({ truth: 'false', reasons: ['role is backup'] });
    h.controller.gateChanged();
    expect(h.calls.every((c) => c.options.signal.aborted)).toBe(true);
    await flush();
    expect(h.controller.status).toMatchObject({ phase: 'Pending', reason: 'WhenFalse' });
    await h.controller.stop();
  });

  it('syncer › the gate is re-checked right before each rsync', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    h.setSha('sha-2');
    h.controller.trigger('change');
    await flush();
    // The role changes while the first rsync runs, before the queued one starts.
    h.setGate({ truth: 'false', reasons: ['role is backup'] });
    h.calls.forEach((c) => c.finish({}));
    await flush();
    expect(h.calls).toHaveLength(2);
    expect(h.controller.status.targets[0]).toMatchObject({ phase: 'Pending', reason: 'WhenFalse' });
    await h.controller.stop();
  });

  it('syncer › the interval re-syncs an unchanged file', async () => {
    const h = harness();
    h.controller.start();
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    h.controller.trigger('change');
    await flush();
    expect(h.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.calls).toHaveLength(4);
    await h.controller.stop();
  });

  it('syncer › a missing source is Pending/SourceMissing, no rsync', async () => {
    const h = harness();
    const controller = new SyncController({
      job,
      gate: () => ({ truth: 'true', reasons: [] }),
      readSource: async () => ({ kind: 'missing' }),
      hold: () => undefined,
      release: () => undefined,
      run: () => Promise.reject(new Error('must not run')),
      closeStaleMaster: async () => undefined,
      clock: { monotonic: () => Date.now(), wall: () => Date.now() },
      random: () => 0.5,
      backoff: DEFAULT_BACKOFF,
      onChange: () => undefined,
      onNote: () => undefined,
      serverStopped: () => true,
    });
    controller.start();
    await flush();
    expect(controller.status).toMatchObject({ phase: 'Pending', reason: 'SourceMissing' });
    expect(h.calls).toHaveLength(0);
    await controller.stop();
  });

  it('sync controller › a trace gets the source read (whether the event gave a hint) and each target\'s push', async () => {
    const traced: Parameters<PushTrace>[] = [];
    const h = harness((what, fields) => traced.push([what, fields]));
    h.controller.start();
    await flush();
    h.calls.forEach((c) => c.finish({}));
    await flush();
    h.setSha('sha-2');
    h.controller.trigger('change', Date.now(), { sha256: 'sha-2', size: 10, mtimeMs: 0 });
    await flush();
    h.calls.slice(2).forEach((c) => c.finish({}));
    await flush();
    await h.controller.stop();
    expect(traced.map(([what, f]) => [what, f.sha256, f.hinted ?? f.target])).toEqual([
      ['source read', 'sha-1', false],
      ['rsync', 'sha-1', 'a'],
      ['rsync', 'sha-1', 'b'],
      ['source read', 'sha-2', true],
      ['rsync', 'sha-2', 'a'],
      ['rsync', 'sha-2', 'b'],
    ]);
    const read = traced[3]![1];
    expect(read.readAt as number).toBeLessThanOrEqual(read.stagedAt as number);
  });
});
