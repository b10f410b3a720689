// A NATS connection that survives: waits for the first connect, reconnects forever, logs every status change.
import { connect, DebugEvents, Events, nkeyAuthenticator, type Authenticator, type ConnectionOptions, type NatsConnection, type ServerInfo, type Status } from 'nats';
import type { Logger } from './logger.js';
import type { NatsCredential } from './nats-credential.js';

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
  /** The agent's identity on the bus; without one it connects anonymously (the product's server refuses that). */
  credential?: NatsCredential | undefined;
  /** The server_name the server must have; any other server is refused. Unchecked when absent. */
  serverName?: string | undefined;
  reconnectTimeWaitMs?: number;
  waitingLogEveryMs?: number;
}

/** The server reached is not the product's bus: another nats-server (Debian's own), or a squatter. */
export class WrongServerError extends Error {
  override name = 'WrongServerError';
}

/** Why `info` is not the server named `expected`, or undefined when it is. */
export function serverNameProblem(expected: string, info: Pick<ServerInfo, 'server_name'> | undefined): string | undefined {
  const found = info?.server_name;
  if (found === expected) return undefined;
  return `the NATS server reached is named ${JSON.stringify(found ?? '')}, expected ${JSON.stringify(expected)}: another nats-server holds the address (Debian's nats-server.service?), or the bus was rendered with another --server-name; refusing it`;
}

/**
 * Signs the server's nonce with the seed, after checking, on a reconnect, that the server is the
 * product's: nats.js reads the server's INFO before it asks for the credentials and re-subscribes only
 * after, so a wrong server gets neither a signature nor a subscription, and the connection closes.
 */
function checkedAuthenticator(credential: NatsCredential | undefined, check: () => void): Authenticator {
  const sign = credential === undefined ? undefined : nkeyAuthenticator(credential.seed);
  return (nonce?: string) => {
    check();
    return sign === undefined ? undefined : sign(nonce);
  };
}

/** The connection options every agent uses; `check` runs before each connect's credentials are sent. */
export function natsConnectionOptions(options: Pick<ConnectNatsOptions, 'servers' | 'name' | 'reconnectTimeWaitMs' | 'credential'>, check: () => void = () => undefined): ConnectionOptions {
  return {
    servers: options.servers,
    name: options.name,
    authenticator: checkedAuthenticator(options.credential, check),
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Connects (waiting for the server as long as it takes, refusing a server with another name and trying
 * again), then logs status events in the background until closed. A wrong server met on a reconnect
 * closes the connection with WrongServerError: the agent stops and its unit restarts it.
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const { log, serverName } = options;
  const servers = Array.isArray(options.servers) ? options.servers.join(',') : options.servers;
  const started = Date.now();
  log.info({ servers, serverName, nkey: options.credential?.publicKey }, `connecting to NATS at ${servers}`);
  const waiting = setInterval(() => {
    log.warn({ servers, waitedMs: Date.now() - started }, `still waiting for NATS at ${servers}`);
  }, options.waitingLogEveryMs ?? WAITING_LOG_EVERY_MS);
  // The connection once accepted: its reconnects are checked in the authenticator.
  const accepted: { nc?: NatsConnection } = {};
  const check = () => {
    const problem = serverName === undefined || accepted.nc === undefined ? undefined : serverNameProblem(serverName, accepted.nc.info);
    if (problem !== undefined) throw new WrongServerError(problem);
  };
  let nc: NatsConnection;
  try {
    for (;;) {
      const attempt = await connect(natsConnectionOptions(options, check));
      const problem = serverName === undefined ? undefined : serverNameProblem(serverName, attempt.info);
      if (problem === undefined) {
        nc = attempt;
        break;
      }
      log.error({ server: attempt.getServer(), found: attempt.info?.server_name, expected: serverName }, problem);
      await attempt.close();
      await delay(options.reconnectTimeWaitMs ?? RECONNECT_TIME_WAIT_MS);
    }
  } finally {
    clearInterval(waiting);
  }
  accepted.nc = nc;
  log.info({ server: nc.getServer(), serverName: nc.info?.server_name, waitedMs: Date.now() - started }, `connected to NATS at ${nc.getServer()}`);
  void (async () => {
    for await (const status of nc.status()) logStatus(log, status);
  })().catch((error: unknown) => log.error({ err: error }, 'NATS status loop failed'));
  void nc.closed().then((error) => {
    if (error) log.error({ err: error }, `NATS connection closed: ${error.message}`);
    else log.info('NATS connection closed');
  });
  return nc;
}
