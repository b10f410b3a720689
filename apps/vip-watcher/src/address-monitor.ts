// A long-running `ip -o monitor address` child: each line means "addresses changed, re-read them".
// When it dies it is restarted with backoff; stop() kills it and leaves no process behind.
import { createInterface } from 'node:readline';
import type { Logger } from '@routerd/agent';
import { spawnMonitor } from '@routerd/agent';

export interface MonitorBackoff {
  initialMs: number;
  maxMs: number;
  /** A child that lived this long resets the backoff. */
  resetAfterMs: number;
}

export const DEFAULT_MONITOR_BACKOFF: MonitorBackoff = { initialMs: 500, maxMs: 30_000, resetAfterMs: 10_000 };

export interface AddressMonitorOptions {
  ipCommand: readonly string[];
  log: Logger;
  /** Called for every line the monitor prints. */
  onChange: (line: string) => void;
  /** Called each time a (re)started monitor is running: changes may have been missed meanwhile. */
  onStart: () => void;
  backoff?: MonitorBackoff;
  now?: () => number;
}

export interface AddressMonitor {
  start(): void;
  /** True while a monitor child is running. */
  readonly running: boolean;
  /** How many times the child has been restarted. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export function createAddressMonitor({ ipCommand, log, onChange, onStart, backoff = DEFAULT_MONITOR_BACKOFF, now = Date.now }: AddressMonitorOptions): AddressMonitor {
  let child: ReturnType<typeof spawnMonitor> | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failures = 0;
  let restarts = 0;

  const launch = () => {
    timer = undefined;
    if (stopped) return;
    const startedAt = now();
    const current = spawnMonitor(ipCommand);
    child = current;
    const stderr: string[] = [];
    createInterface({ input: current.stdout }).on('line', (line) => {
      if (!stopped) onChange(line);
    });
    createInterface({ input: current.stderr }).on('line', (line) => {
      stderr.push(line);
      if (stderr.length > 5) stderr.shift();
    });
    current.once('spawn', () => {
      if (!stopped) onStart();
    });
    exited = current.then((result) => {
      if (child === current) child = undefined;
      if (stopped) return;
      if (now() - startedAt >= backoff.resetAfterMs) failures = 0;
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** failures);
      failures += 1;
      restarts += 1;
      const how =
        result.exitCode !== undefined
          ? `exited with code ${result.exitCode}`
          : result.signal !== undefined
            ? `was killed by ${result.signal}`
            : `could not start (${result.originalMessage ?? result.shortMessage})`;
      log.warn(
        { command: [...ipCommand, '-o', 'monitor', 'address'], stderr: stderr.join('\n'), restartInMs: delay },
        `ip monitor ${how}; restarting in ${delay} ms`,
      );
      timer = setTimeout(launch, delay);
    });
  };

  return {
    start() {
      if (child === undefined && timer === undefined && !stopped) launch();
    },
    get running() {
      return child !== undefined && child.exitCode === null;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      child?.kill('SIGTERM');
      await exited;
      child = undefined;
    },
  };
}
