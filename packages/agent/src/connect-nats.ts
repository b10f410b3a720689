// A NATS connection that survives: waits for the first connect, reconnects forever, logs every status change.
import { connect, DebugEvents, Events, type ConnectionOptions, type NatsConnection, type Status } from 'nats';
import type { Logger } from './logger.js';

/** Reconnect wait: 1 s plus up to 500 ms jitter (both routers restarting together do not retry in step). */
export const RECONNECT_TIME_WAIT_MS = 1000;
export const RECONNECT_JITTER_MS = 500;
/** How often "still waiting for NATS" is logged while the first connect has not succeeded. */
export const WAITING_LOG_EVERY_MS = 10_000;

export interface ConnectNatsOptions {
  servers: string | string[];
  /** Connection name shown by `nats server report connections`: the agent and node. */
  name: string;
  log: Logger;
  reconnectTimeWaitMs?: number;
  waitingLogEveryMs?: number;
}

/** The connection options every agent uses. */
export function natsConnectionOptions(options: Pick<ConnectNatsOptions, 'servers' | 'name' | 'reconnectTimeWaitMs'>): ConnectionOptions {
  return {
    servers: options.servers,
    name: options.name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectTimeWaitMs ?? RECONNECT_TIME_WAIT_MS,
    reconnectJitter: RECONNECT_JITTER_MS,
    pingInterval: 20_000,
  };
}

/** Logs one status event at a level that fits it. */
export function logStatus(log: Logger, status: Status): void {
  const fields = { event: status.type, data: typeof status.data === 'object' ? status.data : String(status.data) };
  switch (status.type) {
    case Events.Disconnect:
      log.warn(fields, `NATS disconnected from ${String(status.data)}`);
      return;
    case Events.Reconnect:
      log.info(fields, `NATS reconnected to ${String(status.data)}`);
      return;
    case Events.Error:
      log.error({ ...fields, ...(status.permissionContext === undefined ? {} : { permission: status.permissionContext }) }, `NATS error: ${String(status.data)}`);
      return;
    case Events.LDM:
      log.warn(fields, 'NATS server entering lame duck mode');
      return;
    case DebugEvents.StaleConnection:
      log.warn(fields, 'NATS connection stale, reconnecting');
      return;
    case DebugEvents.Reconnecting:
    case DebugEvents.PingTimer:
      log.debug(fields, `NATS ${status.type}`);
      return;
    default:
      log.info(fields, `NATS ${status.type}`);
  }
}

/** Connects (waiting for the server as long as it takes), then logs status events in the background until closed. */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const { log } = options;
  const servers = Array.isArray(options.servers) ? options.servers.join(',') : options.servers;
  const started = Date.now();
  log.info({ servers }, `connecting to NATS at ${servers}`);
  const waiting = setInterval(() => {
    log.warn({ servers, waitedMs: Date.now() - started }, `still waiting for NATS at ${servers}`);
  }, options.waitingLogEveryMs ?? WAITING_LOG_EVERY_MS);
  let nc: NatsConnection;
  try {
    nc = await connect(natsConnectionOptions(options));
  } finally {
    clearInterval(waiting);
  }
  log.info({ server: nc.getServer(), waitedMs: Date.now() - started }, `connected to NATS at ${nc.getServer()}`);
  void (async () => {
    for await (const status of nc.status()) logStatus(log, status);
  })().catch((error: unknown) => log.error({ err: error }, 'NATS status loop failed'));
  void nc.closed().then((error) => {
    if (error) log.error({ err: error }, `NATS connection closed: ${error.message}`);
    else log.info('NATS connection closed');
  });
  return nc;
}
