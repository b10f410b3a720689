// Every watched file of a configuration: observers, the periodic check, re-announcements, reload and stop.
import type { LeaseFileEvent } from '@routerd/bus';
import type { RouterConfig, RuntimeDirs } from '@routerd/model';
import type { WatchDir } from './dir-watch.js';
import { createFileObserver, type FileObserver } from './file-observer.js';
import type { WatchLog } from './log.js';
import type { ReadLeaseFile, StampFile } from './read-lease-file.js';
import { resolveTimings, type WatchTimings } from './timings.js';
import { watchedFiles, type WatchedFile } from './watched-files.js';
import { errorMessage } from '@routerd/model';

export interface LeaseWatcherOptions {
  node: string;
  config: RouterConfig;
  dirs: RuntimeDirs;
  publish: (event: LeaseFileEvent) => void;
  log: WatchLog;
  now?: () => number;
  timings?: Partial<WatchTimings>;
  read?: ReadLeaseFile;
  stamp?: StampFile;
  watchDir?: WatchDir;
}

export interface LeaseWatcher {
  /** Sets up every watch and publishes every source's first state. */
  start(): Promise<void>;
  /** Re-derives the watched set: unchanged files keep their watch, new ones publish their state at once. */
  reload(config: RouterConfig): Promise<void>;
  /** Publishes the current state of every source again (also after a reconnect). */
  announce(): void;
  /** The current event of every source, in configuration order. */
  current(): LeaseFileEvent[];
  /** Stops watches and timers; resolves once no read is running. */
  stop(): Promise<void>;
}

function identity(file: WatchedFile): string {
  return JSON.stringify([file.path, file.format, file.sources]);
}

export function createLeaseWatcher(options: LeaseWatcherOptions): LeaseWatcher {
  const { node, dirs, publish, log } = options;
  const timings = resolveTimings(options.timings);
  const now = options.now ?? Date.now;
  let observers = new Map<string, FileObserver>();
  let timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const derive = (config: RouterConfig) => watchedFiles(config, dirs, (problem) => log.error({}, problem));

  const observe = (file: WatchedFile) =>
    createFileObserver({
      file,
      node,
      timings,
      now,
      log,
      publish,
      ...(options.read === undefined ? {} : { read: options.read }),
      ...(options.stamp === undefined ? {} : { stamp: options.stamp }),
      ...(options.watchDir === undefined ? {} : { watchDir: options.watchDir }),
    });

  const apply = async (files: WatchedFile[]) => {
    const next = new Map<string, FileObserver>();
    const fresh: FileObserver[] = [];
    for (const file of files) {
      const key = identity(file);
      const kept = observers.get(key);
      if (kept !== undefined) next.set(key, kept);
      else {
        const observer = observe(file);
        next.set(key, observer);
        fresh.push(observer);
      }
    }
    for (const [key, observer] of observers) if (!next.has(key)) observer.stop();
    observers = next;
    for (const file of files) {
      log.info({ path: file.path, sources: file.sources.map((s) => `${s.kind}/${s.name}`) }, `watching ${file.path}`);
    }
    if (files.length === 0) log.warn({}, 'no lease sync in the configuration: nothing to watch');
    await Promise.all(fresh.map((observer) => observer.start()));
  };

  const each = (what: string, action: (observer: FileObserver) => Promise<void>) => {
    for (const observer of observers.values()) {
      action(observer).catch((error: unknown) => {
        log.error({ path: observer.file.path, err: error }, `${what} of ${observer.file.path} failed: ${errorMessage(error)}`);
      });
    }
  };

  let initial: WatchedFile[] | undefined = derive(options.config);

  return {
    async start() {
      if (initial === undefined) return;
      const files = initial;
      initial = undefined;
      await apply(files);
      if (stopped) return;
      timers = [
        setInterval(() => each('the periodic check', (observer) => observer.check()), timings.checkIntervalMs),
        setInterval(() => this.announce(), timings.announceIntervalMs),
      ];
    },
    async reload(config) {
      if (stopped) return;
      await apply(derive(config));
    },
    announce() {
      for (const observer of observers.values()) observer.announce();
    },
    current() {
      return [...observers.values()].flatMap((observer) => observer.current());
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      for (const observer of observers.values()) observer.stop();
      await Promise.all([...observers.values()].map((observer) => observer.idle()));
    },
  };
}
