import type { LeaseFileEvent } from '@routerd/bus';
import type { Snapshot } from '@routerd/leases';
import { describe, expect, it } from 'vitest';
import { createFileObserver } from './file-observer.js';
import type { DirWatchOptions } from './dir-watch.js';
import type { WatchLog } from './log.js';
import { recordingLog, sleep, waitFor } from './testing/helpers.js';
import { resolveTimings } from './timings.js';
import type { WatchedFile } from './watched-files.js';

const file: WatchedFile = {
  path: '/srv/state/dnsmasq/dnsmasq.leases',
  dir: '/srv/state/dnsmasq',
  fileName: 'dnsmasq.leases',
  format: 'dnsmasq',
  sources: [{ kind: 'DHCPv4Server', name: 'lan-dhcpv4' }],
};

const ok = (n: number): Snapshot => ({
  kind: 'ok',
  content: Buffer.from(`${n}\n`),
  sha256: n.toString(16).padStart(64, '0'),
  size: 2,
  mtimeMs: n,
  v4Count: n,
  v6Count: 0,
});

/** An observer over scripted parts: reads wait until released, the watch is driven by hand. */
function harness(log: WatchLog = recordingLog()) {
  const events: LeaseFileEvent[] = [];
  const releases: ((snapshot: Snapshot) => void)[] = [];
  let onEvent: (() => void) | undefined;
  let clock = 1_000;
  const observer = createFileObserver({
    file,
    node: 'router-a',
    timings: resolveTimings({ debounceMs: 5, maxWaitMs: 20 }),
    now: () => clock,
    log,
    publish: (event) => events.push(event),
    read: () => new Promise<Snapshot>((resolve) => releases.push(resolve)),
    stamp: async (path) => (path === file.dir ? { key: 'd', type: 'directory', ino: 7 } : { key: `f${clock}` }),
    watchDir: async (options: DirWatchOptions) => {
      onEvent = options.onEvent;
      return { dir: options.dir, dirIno: 7, close: () => {} };
    },
  });
  return {
    observer,
    events,
    releases,
    fire: () => onEvent?.(),
    setClock: (t: number) => {
      clock = t;
    },
  };
}

describe('lease-watcher › file observer', () => {
  it('lease-watcher › events during a read fold into one read after it, stamped with the first of them', async () => {
    const h = harness();
    const started = h.observer.start();
    await waitFor('the first read', () => h.releases.length === 1);
    h.setClock(2_000);
    h.fire();
    h.setClock(2_010);
    h.fire();
    await sleep(30);
    expect(h.releases).toHaveLength(1);
    h.releases[0]?.(ok(1));
    await waitFor('the folded read', () => h.releases.length === 2);
    h.releases[1]?.(ok(2));
    await started;
    await h.observer.idle();
    expect(h.releases).toHaveLength(2);
    expect(h.events.map((e) => [e.v4Count, e.observedAt])).toEqual([
      [1, new Date(1_000).toISOString()],
      [2, new Date(2_000).toISOString()],
    ]);
    h.observer.stop();
  });

  it('lease-watcher › the same content read again publishes nothing; a read finishing after stop publishes nothing', async () => {
    const h = harness();
    const started = h.observer.start();
    await waitFor('the first read', () => h.releases.length === 1);
    h.releases[0]?.(ok(1));
    await started;
    h.fire();
    await waitFor('the second read', () => h.releases.length === 2);
    h.releases[1]?.(ok(1));
    await h.observer.idle();
    expect(h.events).toHaveLength(1);
    h.fire();
    await waitFor('the third read', () => h.releases.length === 3);
    h.observer.stop();
    h.releases[2]?.(ok(3));
    await h.observer.idle();
    expect(h.events).toHaveLength(1);
    expect(h.observer.current()).toEqual(h.events);
  });

  it('lease-watcher › at debug level, each publication logs its profile: watch events, read, publish, in that order', async () => {
    const log = { ...recordingLog(), isLevelEnabled: (level: string) => level === 'debug' };
    const h = harness(log);
    const started = h.observer.start();
    await waitFor('the first read', () => h.releases.length === 1);
    h.releases[0]?.(ok(1));
    await started;
    h.fire();
    h.fire();
    await waitFor('the second read', () => h.releases.length === 2);
    h.releases[1]?.(ok(2));
    await h.observer.idle();
    const profiles = log.lines.filter((l) => l.level === 'debug' && l.message.startsWith('profile: '));
    expect(profiles.map((l) => (l.fields as { sha256: string }).sha256)).toEqual([1, 2].map((n) => (ok(n) as { sha256: string }).sha256));
    const { profile } = profiles[1]!.fields as { profile: Record<string, number> };
    expect(profile['events']).toBe(2);
    const order = ['firstEventAt', 'lastEventAt', 'readAt', 'readDoneAt', 'publishedAt'].map((k) => profile[k]!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    h.observer.stop();
  });

  it('lease-watcher › below debug level no profile is built or logged', async () => {
    const log = recordingLog();
    const h = harness(log);
    const started = h.observer.start();
    await waitFor('the first read', () => h.releases.length === 1);
    h.releases[0]?.(ok(1));
    await started;
    expect(h.events).toHaveLength(1);
    expect(log.messages().filter((m) => m.startsWith('profile: '))).toEqual([]);
    h.observer.stop();
  });
});
