// One short-lived NATS connection per command: no reconnects, a bounded connect, always closed.
import { formatDuration, errorMessage } from '@routerd/model';
import type { LiveConnection, LiveDeps } from './deps.js';
import { NatsUnreachableError } from './errors.js';

export interface ConnectSettings {
  url: string;
  timeoutMs: number;
}

function why(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = errorMessage(error);
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

/** Connects as "routerctl"; throws NatsUnreachableError naming the URL when no server answers in time. */
export async function openConnection(deps: Pick<LiveDeps, 'connect'>, { url, timeoutMs }: ConnectSettings): Promise<LiveConnection> {
  try {
    return await deps.connect({ servers: url, name: 'routerctl', maxReconnectAttempts: 0, reconnect: false, timeout: timeoutMs });
  } catch (error) {
    throw new NatsUnreachableError(`cannot reach NATS at ${url} within ${formatDuration(timeoutMs)}: ${why(error)}`, { cause: error });
  }
}

/** Runs `use` with an open connection and closes it afterwards, whatever happens. */
export async function withConnection<T>(deps: Pick<LiveDeps, 'connect'>, settings: ConnectSettings, use: (nc: LiveConnection) => Promise<T>): Promise<T> {
  const nc = await openConnection(deps, settings);
  try {
    return await use(nc);
  } finally {
    await nc.close();
  }
}
