// Reads keepalived's vrrp_notify_fifo line by line without blocking the event loop.
// Opened read-write and non-blocking: the open never waits for a writer and a keepalived restart is
// no EOF. A FIFO replaced on disk (keepalived recreates it) is noticed by check() and reopened.
import { constants, fstat, open, stat, type Stats } from 'node:fs';
import { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { Logger } from '@routerd/agent';
import { errorMessage } from '@routerd/model';

const openAsync = promisify(open);
const statAsync = promisify(stat);
const fstatAsync = promisify(fstat);

export const FIFO_RETRY_MS = 2_000;

export interface NotifyFifoOptions {
  path: string;
  log: Logger;
  onLine: (line: string) => void;
  retryMs?: number;
}

export interface NotifyFifo {
  start(): void;
  /** Reopens when the path now names another FIFO than the one held open (or none is open). */
  check(): Promise<void>;
  readonly open: boolean;
  stop(): void;
}


export function createNotifyFifo({ path, log, onLine, retryMs = FIFO_RETRY_MS }: NotifyFifoOptions): NotifyFifo {
  let socket: Socket | undefined;
  let held: Pick<Stats, 'dev' | 'ino'> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let opening = false;
  let lastProblem: string | undefined;

  const problem = (message: string) => {
    // One warning per kind of problem, not one per retry.
    if (message !== lastProblem) log.warn({ fifo: path, retryInMs: retryMs }, message);
    lastProblem = message;
  };

  const retry = () => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void openFifo();
    }, retryMs);
  };

  const close = () => {
    const current = socket;
    socket = undefined;
    held = undefined;
    current?.destroy();
  };

  const openFifo = async () => {
    if (stopped || opening || socket !== undefined) return;
    opening = true;
    try {
      const info = await statAsync(path);
      if (!info.isFIFO()) {
        problem(`keepalived notify FIFO ${path}: expected a FIFO, found ${info.isDirectory() ? 'a directory' : 'a regular file or other file type'}`);
        retry();
        return;
      }
      const fd = await openAsync(path, constants.O_RDWR | constants.O_NONBLOCK);
      const opened = await fstatAsync(fd);
      if (stopped) {
        new Socket({ fd }).destroy();
        return;
      }
      const current = new Socket({ fd, readable: true, writable: false });
      socket = current;
      held = { dev: opened.dev, ino: opened.ino };
      lastProblem = undefined;
      log.info({ fifo: path }, 'reading keepalived notify FIFO');
      createInterface({ input: current, crlfDelay: Infinity }).on('line', (line) => {
        if (socket === current) onLine(line);
      });
      current.on('error', (error) => log.warn({ fifo: path, err: error }, `keepalived notify FIFO ${path}: ${error.message}; reopening`));
      current.on('close', () => {
        if (socket !== current) return;
        socket = undefined;
        held = undefined;
        retry();
      });
    } catch (error) {
      problem(`keepalived notify FIFO ${path}: cannot open it (${errorMessage(error)}); retrying`);
      retry();
    } finally {
      opening = false;
    }
  };

  return {
    start() {
      void openFifo();
    },
    async check() {
      if (stopped || opening) return;
      if (held !== undefined) {
        let now: Stats | undefined;
        try {
          now = await statAsync(path);
        } catch {
          now = undefined;
        }
        if (now !== undefined && now.dev === held.dev && now.ino === held.ino) return;
        log.info({ fifo: path }, 'keepalived notify FIFO was replaced; reopening');
        close();
      }
      await openFifo();
    },
    get open() {
      return socket !== undefined;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      close();
    },
  };
}
