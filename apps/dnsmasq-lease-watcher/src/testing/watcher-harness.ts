// One lease-watcher per test over a temp state dir, with its published events and log recorded.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaseFileEventSchema, type LeaseFileEvent } from '@routerd/bus';
import { afterEach, beforeEach } from 'vitest';
import { createLeaseWatcher, type LeaseWatcher, type LeaseWatcherOptions } from '../lease-watcher.js';
import { testConfig } from './config.js';
import { recordingLog, sleep, waitFor } from './helpers.js';

export interface WatcherHarness {
  root: string;
  leaseDir: string;
  leasePath: string;
  events: LeaseFileEvent[];
  log: ReturnType<typeof recordingLog>;
  watcher: LeaseWatcher | undefined;
  /** Starts a watcher of testConfig() on the temp dir; every event is checked against its schema. */
  start(overrides?: Partial<LeaseWatcherOptions>): Promise<LeaseWatcher>;
  last(): LeaseFileEvent | undefined;
  /** Waits for the next event(s), then a while longer to see that no others follow. */
  nextEvents(what: string, count?: number): Promise<LeaseFileEvent[]>;
}

/** Call inside a describe: each test gets a fresh temp dir; the watcher is stopped and the dir removed after it. */
export function useWatcherHarness(): WatcherHarness {
  const h: WatcherHarness = {
    root: '',
    leaseDir: '',
    leasePath: '',
    events: [],
    log: recordingLog(),
    watcher: undefined,
    async start(overrides = {}) {
      const watcher = createLeaseWatcher({
        node: 'router-a',
        config: testConfig(),
        dirs: { stateDir: h.root, runtimeDir: join(h.root, 'run') },
        publish: (event) => {
          const checked = leaseFileEventSchema.safeParse(event);
          if (!checked.success) throw new Error(`invalid event: ${checked.error.message}`);
          h.events.push(event);
        },
        log: h.log,
        timings: { checkIntervalMs: 100 },
        ...overrides,
      });
      h.watcher = watcher;
      await watcher.start();
      return watcher;
    },
    last: () => h.events.at(-1),
    async nextEvents(what, count = 1) {
      const before = h.events.length;
      await waitFor(what, () => h.events.length >= before + count);
      await sleep(150);
      return h.events.slice(before);
    },
  };
  beforeEach(async () => {
    h.root = await mkdtemp(join(tmpdir(), 'lease-watcher-'));
    h.leaseDir = join(h.root, 'dnsmasq');
    h.leasePath = join(h.leaseDir, 'dnsmasq.leases');
    h.events = [];
    h.log = recordingLog();
  });
  afterEach(async () => {
    await h.watcher?.stop();
    h.watcher = undefined;
    await rm(h.root, { recursive: true, force: true });
  });
  return h;
}
