// One handback per (source file, target) per demotion: a DHCPv4 and a DHCPv6 sync of the same dnsmasq
// file to the same peer (examples/dhcp-lease-sync-ha.yaml) hand it back once, not twice. The second
// used to land after the new master served and made its promoter stop DHCP for a needless heal.
import type { SyncJob, WhenResult } from '@routerd/model';
import { formatReceiverReport } from '@routerd/leases';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult, RunOptions } from '@routerd/agent';
import { HandbackRegistry } from './handback-registry.js';
import type { ReconcileNote } from './reconcile-notes.js';
import { SyncController, type SourceRead } from './sync-controller.js';

const SRC = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
const OPEN: WhenResult = { truth: 'true', reasons: ['VirtualAddress/lan-vip.role equals master (role master)'] };
const CLOSED: WhenResult = { truth: 'false', reasons: ['VirtualAddress/lan-vip.role equals master (role backup)'] };
const V4 = 'DHCPv4ServerLeaseSync/lan-v4';
const V6 = 'DHCPv6ServerLeaseSync/lan-v6';

function job(id: string, peers: readonly string[]): SyncJob {
  const [kind, name] = id.split('/') as [SyncJob['kind'], string];
  const target = (host: string) => {
    const argv = ['rsync', '-a', '--checksum', '--delay-updates', '--timeout=60', '-e', 'ssh', SRC, `${host}:${SRC}`];
    return { name: `standby-${host}`, host, destination: `${host}:${SRC}`, argv, handbackArgv: [...argv.slice(0, -1), `${host}:${SRC}.routerd-handback`], pullArgv: [], sshCommand: 'ssh' };
  };
  return {
    id,
    kind,
    name,
    source: { kind: kind === 'DHCPv4ServerLeaseSync' ? 'DHCPv4Server' : 'DHCPv6Server', name: `${name}-server`, path: SRC },
    delivery: 'merge',
    interval: '30s',
    intervalMs: 30_000,
    when: undefined,
    whenText: 'VirtualAddress/lan-vip.role equals master',
    deadlineMs: 120_000,
    targets: peers.map(target),
  };
}

interface Call {
  sync: string;
  argv: readonly string[];
  options: RunOptions;
  finish(result: Partial<CommandResult>): void;
}

/** The syncer's two controllers of one file, sharing one registry, as syncer.ts makes them. */
function pair(peers: { v4: readonly string[]; v6: readonly string[] } = { v4: ['b'], v6: ['b'] }) {
  const calls: Call[] = [];
  const notes: (ReconcileNote & { sync: string })[] = [];
  const registry = new HandbackRegistry();
  let gate = OPEN;
  // The file dnsmasq writes: each read takes what it holds now.
  let sha = 'sha-1';
  const stopped = new Map<string, boolean>([
    [V4, false],
    [V6, false],
  ]);
  const controllers = new Map<string, SyncController>(
    (
      [
        [V4, peers.v4],
        [V6, peers.v6],
      ] as const
    ).map(([id, targets]) => [
      id,
      new SyncController({
        job: job(id, targets),
        gate: () => gate,
        readSource: async (): Promise<SourceRead> => ({ kind: 'ok', sha256: sha, size: 10, mtimeMs: 0, v4Count: 1, v6Count: 1, stagedPath: `/stage/${id}/${sha}` }),
        hold: () => undefined,
        release: () => undefined,
        run: (argv, options) =>
          new Promise<CommandResult>((resolve) => {
            const finish = (r: Partial<CommandResult>) => resolve({ exitCode: 0, output: '', durationMs: 5, timedOut: false, aborted: false, ...r });
            options.signal.addEventListener('abort', () => finish({ exitCode: undefined, aborted: true }));
            calls.push({ sync: id, argv, options, finish });
          }),
        closeStaleMaster: async () => undefined,
        clock: { monotonic: () => Date.now(), wall: () => Date.now() },
        random: () => 0.5,
        backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0 },
        onChange: () => undefined,
        onNote: (note) => notes.push({ ...note, sync: id }),
        serverStopped: () => stopped.get(id) ?? false,
        handbackRegistry: registry,
      }),
    ]),
  );
  const all = [...controllers.values()];
  // The syncer calls gateChanged on every controller for each role or promotion status.
  const statusChanged = () => all.forEach((c) => c.gateChanged());
  return {
    controllers,
    calls,
    notes,
    handbacks: () => calls.filter((c) => c.argv.at(-1)?.endsWith('.routerd-handback')),
    handbackNotes: () => notes.filter((n) => n.action === 'handback-sent').map((n) => [n.sync, n.peer, n.reason, n.message]),
    target: (id: string, name: string) => controllers.get(id)?.status.targets.find((t) => t.name === name),
    setGate: (g: WhenResult) => {
      gate = g;
      statusChanged();
    },
    setSha: (s: string) => {
      sha = s;
    },
    /** One DHCPServerPromotion covers both servers: one status sets both phases. */
    setStopped: (value: boolean, ids: readonly string[] = [V4, V6]) => {
      for (const id of ids) stopped.set(id, value);
      statusChanged();
    },
    /** Started and synced once: the gate was open, so its closing is a demotion. */
    async start() {
      all.forEach((c) => c.start());
      await flush();
      calls.forEach((c) => c.finish({}));
      await flush();
    },
    stop: () => Promise.all(all.map((c) => c.stop())),
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);
const merged = formatReceiverReport({ type: 'merged', leases: 3, taken: 1, kept: 2, changed: true, conflicts: [], conflictCount: 0 });
const SENT_BY_V4 = `handback to standby-b: sent by ${V4}, which hands back the same file to the same place`;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sync-controller › one handback per file and target', () => {
  it('syncer › fault: two syncs of one file to one peer hand it back once, read after Stopped; the other says who sent it', async () => {
    const h = pair();
    await h.start();
    h.setGate(CLOSED);
    await flush();
    expect(h.handbacks()).toEqual([]);
    // dnsmasq writes its last lease while it stops: the handback must carry it (P5).
    h.setSha('sha-last');
    h.setStopped(true);
    await flush();
    // Before: one handback per sync, two to the same inbox.
    expect(h.handbacks().map((c) => [c.sync, c.argv.at(-2), c.argv.at(-1)])).toEqual([[V4, `/stage/${V4}/sha-last`, `b:${SRC}.routerd-handback`]]);
    h.handbacks()[0]?.finish({ output: merged });
    await flush();
    expect(h.handbackNotes()).toEqual([
      [V4, 'standby-b', undefined, 'handback to standby-b: merged, 3 leases (1 taken, 2 kept), 0 conflicts'],
      [V6, 'standby-b', undefined, SENT_BY_V4],
    ]);
    expect(h.target(V6, 'standby-b')).toMatchObject({ phase: 'Pending', reason: 'WhenFalse', message: SENT_BY_V4 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.handbacks()).toHaveLength(1);
    await h.stop();
  });

  it('syncer › the first handback failed: the other sync sends the file itself, read then, so it is not lost', async () => {
    const h = pair();
    await h.start();
    h.setStopped(true);
    h.setGate(CLOSED);
    await flush();
    expect(h.handbacks().map((c) => c.sync)).toEqual([V4]);
    h.setSha('sha-2');
    h.handbacks()[0]?.finish({ exitCode: 255, output: 'ssh: connect to host b port 22: Connection refused' });
    await flush();
    expect(h.handbacks().map((c) => [c.sync, c.argv.at(-2)])).toEqual([
      [V4, `/stage/${V4}/sha-1`],
      [V6, `/stage/${V6}/sha-2`],
    ]);
    h.handbacks()[1]?.finish({ output: merged });
    await flush();
    expect(h.handbackNotes()).toEqual([
      [V4, 'standby-b', 'Failed', 'handback to standby-b failed, not retried: failed with exit code 255: ssh: connect to host b port 22: Connection refused'],
      [V6, 'standby-b', undefined, 'handback to standby-b: merged, 3 leases (1 taken, 2 kept), 0 conflicts'],
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.handbacks()).toHaveLength(2);
    await h.stop();
  });

  it('syncer › each demotion hands back once more: the registry forgets a handback when this node serves again', async () => {
    const h = pair();
    await h.start();
    h.setStopped(true);
    h.setGate(CLOSED);
    await flush();
    h.handbacks().forEach((c) => c.finish({ output: merged }));
    await flush();
    h.setStopped(false);
    h.setGate(OPEN);
    await flush();
    h.calls.filter((c) => !c.argv.at(-1)?.endsWith('.routerd-handback')).forEach((c) => c.finish({}));
    await flush();
    h.setGate(CLOSED);
    h.setStopped(true);
    await flush();
    expect(h.handbacks().map((c) => c.sync)).toEqual([V4, V4]);
    h.handbacks()[1]?.finish({ output: merged });
    await flush();
    expect(h.handbackNotes().filter(([sync]) => sync === V6)).toEqual([
      [V6, 'standby-b', undefined, SENT_BY_V4],
      [V6, 'standby-b', undefined, SENT_BY_V4],
    ]);
    await h.stop();
  });

  it('syncer › a sync whose own server had not stopped when the other read the file sends its own, later (P5)', async () => {
    const h = pair();
    await h.start();
    h.setGate(CLOSED);
    h.setStopped(true, [V4]);
    await flush();
    h.handbacks()[0]?.finish({ output: merged });
    await flush();
    expect(h.handbacks().map((c) => c.sync)).toEqual([V4]);
    h.setSha('sha-3');
    h.setStopped(true, [V6]);
    await flush();
    expect(h.handbacks().map((c) => [c.sync, c.argv.at(-2)])).toEqual([
      [V4, `/stage/${V4}/sha-1`],
      [V6, `/stage/${V6}/sha-3`],
    ]);
    await h.stop();
  });

  it('syncer › a sync stopped (a reload) while the other sync\'s handback runs does not wait for that rsync', async () => {
    const h = pair();
    await h.start();
    h.setStopped(true);
    h.setGate(CLOSED);
    await flush();
    expect(h.handbacks().map((c) => c.sync)).toEqual([V4]);
    let stopped = false;
    const stopping = h.controllers.get(V6)?.stop().then(() => {
      stopped = true;
    });
    await flush();
    expect(stopped).toBe(true);
    await stopping;
    h.handbacks()[0]?.finish({ output: merged });
    await flush();
    expect(h.handbackNotes().filter(([sync]) => sync === V6)).toEqual([]);
    await h.stop();
  });

  it('syncer › other targets are other places: each gets its handback', async () => {
    const h = pair({ v4: ['b'], v6: ['b', 'c'] });
    await h.start();
    h.setStopped(true);
    h.setGate(CLOSED);
    await flush();
    expect(h.handbacks().map((c) => [c.sync, c.argv.at(-1)])).toEqual([
      [V4, `b:${SRC}.routerd-handback`],
      [V6, `c:${SRC}.routerd-handback`],
    ]);
    h.handbacks().forEach((c) => c.finish({ output: merged }));
    await flush();
    expect(h.handbackNotes().filter(([sync]) => sync === V6)).toEqual([
      [V6, 'standby-c', undefined, 'handback to standby-c: merged, 3 leases (1 taken, 2 kept), 0 conflicts'],
      [V6, 'standby-b', undefined, SENT_BY_V4],
    ]);
    await h.stop();
  });
});
