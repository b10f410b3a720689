// Tells systemd how the agent is doing (sd_notify(3)): READY=1 once its NATS service answers
// (Type=notify), STOPPING=1 at SIGTERM, and WATCHDOG=1 from the event loop (WatchdogSec=), so that
// a loop blocked for longer than WatchdogSec gets the agent killed and restarted.
//
// Node has no AF_UNIX datagram sockets, so each message is one run of systemd-notify(1). Its sender is
// then the child, not the agent: the units say NotifyAccess=all. systemd-notify waits, by default, until
// the manager has read the message (a barrier, see its --no-block), so that the child's exit cannot
// race the manager's lookup of the sender's unit.
import { execFile } from 'node:child_process';
import type { Logger } from './logger.js';
import type { Env } from './options.js';

/** How long one systemd-notify may take; its own barrier waits up to 5 s. */
export const NOTIFY_TIMEOUT_MS = 10_000;

/** Runs systemd-notify with these arguments and NOTIFY_SOCKET; rejects when it fails. */
export type NotifyExec = (args: readonly string[], notifySocket: string) => Promise<void>;

/** Calls `fn` every `ms`, without keeping the process alive; the returned function stops it. */
export type Every = (fn: () => void, ms: number) => () => void;

export interface ServiceManager {
  /** READY=1 with a STATUS= line: the unit becomes active. Resolves false when it could not be sent (logged). */
  ready(status: string): Promise<boolean>;
  /** STOPPING=1: the unit shows deactivating while the agent drains. */
  stopping(): Promise<boolean>;
  /** Sends WATCHDOG=1 at half the manager's WATCHDOG_USEC until the returned function is called; a no-op when no watchdog was asked for. */
  startWatchdog(): () => void;
  /** The watchdog period asked for, in ms, or undefined (no WATCHDOG_USEC, or it names another process). */
  readonly watchdogMs: number | undefined;
}

export interface ServiceManagerDeps {
  env: Env;
  /** This process's pid, compared with WATCHDOG_PID. */
  pid: number;
  log: Pick<Logger, 'warn' | 'info'>;
  exec?: NotifyExec;
  every?: Every;
}

export const runSystemdNotify: NotifyExec = (args, notifySocket) =>
  new Promise((resolve, reject) => {
    // Its own environment: NOTIFY_SOCKET is the one variable systemd-notify needs besides PATH.
    const env = { NOTIFY_SOCKET: notifySocket, PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
    execFile('systemd-notify', [...args], { env, timeout: NOTIFY_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (error === null) return resolve();
      const detail = stderr.trim();
      reject(new Error(`systemd-notify ${args.join(' ')} failed: ${error.message}${detail === '' ? '' : `: ${detail}`}`));
    });
  });

const realEvery: Every = (fn, ms) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * The watchdog period in ms systemd asks of this process: WATCHDOG_USEC, when WATCHDOG_PID is unset or is
 * `pid` (sd_watchdog_enabled(3)). Undefined when there is none; a malformed value is reported, not guessed.
 */
export function watchdogPeriodMs(env: Env, pid: number): { ms: number | undefined; problem?: string } {
  const usec = env['WATCHDOG_USEC'];
  if (usec === undefined || usec === '') return { ms: undefined };
  if (!/^[1-9][0-9]*$/.test(usec)) return { ms: undefined, problem: `WATCHDOG_USEC: expected a positive integer of microseconds, found ${JSON.stringify(usec)}; no watchdog` };
  const owner = env['WATCHDOG_PID'];
  if (owner !== undefined && owner !== '' && owner !== String(pid)) return { ms: undefined };
  return { ms: Number(usec) / 1000 };
}

/**
 * The service manager's side of the agent, or undefined when systemd did not ask for notifications (no
 * NOTIFY_SOCKET: a terminal, the lab, a Type=simple unit). A failed notification is logged, never thrown:
 * systemd's start timeout or watchdog decides what a missing one means.
 */
export function createServiceManager({ env, pid, log, exec = runSystemdNotify, every = realEvery }: ServiceManagerDeps): ServiceManager | undefined {
  const socket = env['NOTIFY_SOCKET'];
  if (socket === undefined || socket === '') return undefined;
  const watchdog = watchdogPeriodMs(env, pid);
  if (watchdog.problem !== undefined) log.warn({ watchdogUsec: env['WATCHDOG_USEC'] }, watchdog.problem);

  const send = async (args: readonly string[]): Promise<boolean> => {
    try {
      await exec(args, socket);
      return true;
    } catch (error) {
      log.warn({ err: error }, error instanceof Error ? error.message : String(error));
      return false;
    }
  };

  return {
    watchdogMs: watchdog.ms,
    ready: (status) => send(['--ready', `--status=${status}`]),
    stopping: () => send(['STOPPING=1']),
    startWatchdog() {
      const period = watchdog.ms;
      if (period === undefined) return () => {};
      // One keepalive in flight at most: a slow manager must not pile up children.
      let inFlight = false;
      const feed = () => {
        if (inFlight) return;
        inFlight = true;
        void send(['WATCHDOG=1']).finally(() => {
          inFlight = false;
        });
      };
      feed();
      log.info({ watchdogMs: period }, `feeding the systemd watchdog every ${Math.round(period / 2)} ms`);
      return every(feed, period / 2);
    },
  };
}
