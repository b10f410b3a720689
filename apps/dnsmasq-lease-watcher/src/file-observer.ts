// One watched file: directory watch → debounce → stable read → publish on change; retries torn reads and lost watches.
import { hostMonotonicMs } from '@routerd/agent';
import type { LeaseFileEvent } from '@routerd/bus';
import { createDebouncer } from './debounce.js';
import { watchDir as defaultWatchDir, type DirWatch, type WatchDir } from './dir-watch.js';
import { changed, leaseFileEvents, stateOfSnapshot, type FileState } from './file-state.js';
import type { WatchLog } from './log.js';
import { readLeaseFile as defaultRead, stampFile as defaultStamp, type ReadLeaseFile, type StampFile } from './read-lease-file.js';
import type { WatchTimings } from './timings.js';
import type { WatchedFile } from './watched-files.js';
import { errorMessage } from '@routerd/model';

/** Shortest pause before re-reading a torn file (also when the debounce is 0); it doubles up to the check interval. */
export const MIN_RETRY_MS = 10;

/** The watch events folded into the next read: when the first and last arrived, and how many. */
interface EventBurst {
  firstAt: number;
  lastAt: number;
  count: number;
}

export interface FileObserverOptions {
  file: WatchedFile;
  node: string;
  timings: WatchTimings;
  now: () => number;
  log: WatchLog;
  publish: (event: LeaseFileEvent) => void;
  read?: ReadLeaseFile;
  stamp?: StampFile;
  watchDir?: WatchDir;
}

export interface FileObserver {
  readonly file: WatchedFile;
  /** Sets up the watch; resolves once the first read is done (and published). */
  start(): Promise<void>;
  /** The periodic safety net: re-sets up a lost watch, re-reads when a stat shows a change. */
  check(): Promise<void>;
  /** Publishes the current state again. */
  announce(): void;
  /** The current event of each source; empty before the first read. */
  current(): LeaseFileEvent[];
  /** Resolves when no read is running or queued. */
  idle(): Promise<void>;
  stop(): void;
}


export function createFileObserver(options: FileObserverOptions): FileObserver {
  const { file, node, timings, now, log, publish } = options;
  const read = options.read ?? defaultRead;
  const stamp = options.stamp ?? defaultStamp;
  const watchDir = options.watchDir ?? defaultWatchDir;
  const fields = { path: file.path };
  const minRetry = Math.max(MIN_RETRY_MS, timings.debounceMs);

  let state: FileState | undefined;
  let observedAt = 0;
  /** Stamp taken just before the last read: the periodic check re-reads when it differs. */
  let lastStamp: string | undefined;
  /** Since when the file has been torn or unreadable: the eventual clean state keeps that time. */
  let unsettledSince: number | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = minRetry;
  let watch: DirWatch | undefined;
  let settingUp: Promise<void> | undefined;
  let watchProblem: string | undefined;
  let reading: Promise<void> | undefined;
  let queuedAt: number | undefined;
  let stopped = false;
  let burst: EventBurst | undefined;
  const profiling = log.isLevelEnabled?.('debug') ?? false;

  const noteEvent = () => {
    if (!profiling) return;
    const at = hostMonotonicMs();
    burst = burst === undefined ? { firstAt: at, lastAt: at, count: 1 } : { ...burst, lastAt: at, count: burst.count + 1 };
  };

  const send = (events: LeaseFileEvent[]) => {
    for (const event of events) {
      try {
        publish(event);
      } catch (error) {
        log.error({ ...fields, err: error, kind: event.kind, name: event.name }, `publishing the state of ${event.kind}/${event.name} failed: ${errorMessage(error)}`);
      }
    }
  };

  const scheduleRetry = (at: number) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      requestRead(at);
    }, retryMs);
    retryMs = Math.min(retryMs * 2, timings.checkIntervalMs);
  };

  const readOnce = async (firstAt: number) => {
    const events = burst;
    burst = undefined;
    const readAt = profiling ? hostMonotonicMs() : 0;
    const before = await stamp(file.path);
    let next: FileState;
    let readDoneAt = 0;
    try {
      const snapshot = await read(file.path, file.format);
      if (profiling) readDoneAt = hostMonotonicMs();
      next = stateOfSnapshot(file.path, snapshot, snapshot.kind === 'ok' ? undefined : await statInfo());
    } catch (error) {
      // Not a file-system answer but a bug or an exotic failure: keep the last state, try again later.
      log.error({ ...fields, err: error }, `reading ${file.path} failed: ${errorMessage(error)}`);
      if (!stopped) scheduleRetry(firstAt);
      return;
    }
    if (stopped) return;
    lastStamp = before.key;
    const settled = next.parsed || !next.exists;
    const at = unsettledSince ?? firstAt;
    if (changed(state, next)) {
      observedAt = at;
      state = next;
      if (settled) log.info({ ...fields, exists: next.exists, sha256: next.sha256, v4Count: next.v4Count, v6Count: next.v6Count }, next.exists ? `${file.path} changed` : `${file.path} does not exist`);
      else log.warn({ ...fields, parseError: next.parseError }, `${file.path} has no clean snapshot (not to be shipped); reading it again shortly`);
      send(leaseFileEvents(node, file, state, observedAt));
      if (profiling && next.sha256 !== undefined) {
        const profile = { ...(events === undefined ? {} : { firstEventAt: events.firstAt, lastEventAt: events.lastAt, events: events.count }), readAt, readDoneAt, publishedAt: hostMonotonicMs() };
        log.debug({ ...fields, sha256: next.sha256, profile }, `profile: ${file.path} published`);
      }
    } else {
      state = next;
    }
    if (settled) {
      unsettledSince = undefined;
      retryMs = minRetry;
      clearTimeout(retryTimer);
      retryTimer = undefined;
    } else {
      unsettledSince = at;
      scheduleRetry(at);
    }

    async function statInfo() {
      const { size, mtimeMs } = await stamp(file.path);
      return size === undefined || mtimeMs === undefined ? undefined : { size, mtimeMs };
    }
  };

  // Reads run one at a time; events that arrive during one fold into a single read right after it.
  function requestRead(firstAt: number): void {
    if (stopped) return;
    if (reading !== undefined) {
      queuedAt = Math.min(queuedAt ?? firstAt, firstAt);
      return;
    }
    reading = readOnce(firstAt)
      .catch((error: unknown) => log.error({ ...fields, err: error }, `watching ${file.path} failed: ${errorMessage(error)}`))
      .finally(() => {
        reading = undefined;
        const next = queuedAt;
        queuedAt = undefined;
        if (next !== undefined) requestRead(next);
      });
  }

  const debouncer = createDebouncer({ debounceMs: timings.debounceMs, maxWaitMs: timings.maxWaitMs, now, fire: requestRead });

  const dropWatch = (why: string) => {
    watch?.close();
    watch = undefined;
    log.warn({ ...fields, dir: file.dir }, `${why}; watching it again on the next check`);
    debouncer.trigger();
  };

  const setUpWatch = async () => {
    try {
      const handle = await watchDir({
        dir: file.dir,
        fileName: file.fileName,
        onEvent: () => {
          noteEvent();
          debouncer.trigger();
        },
        onError: (error) => {
          if (watch === handle) dropWatch(`the watch on ${file.dir} failed: ${error.message}`);
        },
      });
      if (stopped) {
        handle.close();
        return;
      }
      watch = handle;
      if (watchProblem !== undefined) log.info({ ...fields, dir: file.dir }, `watching ${file.dir} now`);
      watchProblem = undefined;
    } catch (error) {
      const problem = errorMessage(error);
      // Logged once per kind of problem, not on every check.
      if (problem !== watchProblem) log.warn({ ...fields, dir: file.dir }, `${problem}; retrying every ${timings.checkIntervalMs} ms`);
      watchProblem = problem;
    }
  };

  const ensureWatch = async () => {
    if (watch !== undefined) {
      const dir = await stamp(file.dir);
      if (dir.type === 'directory' && dir.ino === watch.dirIno) return;
      dropWatch(dir.key === 'missing' ? `${file.dir} was removed` : `${file.dir} was replaced`);
    }
    settingUp ??= setUpWatch().finally(() => {
      settingUp = undefined;
    });
    await settingUp;
  };

  return {
    file,
    async start() {
      await ensureWatch();
      requestRead(now());
      // The first state only: a file written without pause must not hold up the agent's start.
      await reading;
    },
    async check() {
      if (stopped) return;
      await ensureWatch();
      const current = await stamp(file.path);
      if (current.key !== lastStamp && !debouncer.pending) {
        log.debug({ ...fields }, `${file.path} changed without a watch event`);
        requestRead(now());
      }
    },
    announce() {
      if (state !== undefined && !stopped) send(leaseFileEvents(node, file, state, observedAt));
    },
    current() {
      return state === undefined ? [] : leaseFileEvents(node, file, state, observedAt);
    },
    async idle() {
      while (reading !== undefined) await reading;
    },
    stop() {
      stopped = true;
      debouncer.cancel();
      clearTimeout(retryTimer);
      watch?.close();
      watch = undefined;
    },
  };
}
