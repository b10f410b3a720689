// `routerctl render nats`: the flags checked, the credentials ensured, the configuration printed.
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_NATS_CREDS_DIR } from '@routerd/agent/credential';
import { UsageError } from '@routerd/model';
import type { Io } from '../io.js';
import { nodeOf } from '../live/options.js';
import { renderNatsConfig } from './nats-config.js';
import { ensureCredentials } from './nats-creds.js';

export const DEFAULT_NATS_LISTEN = '127.0.0.1:4222';
export const DEFAULT_CREDS_DIR = DEFAULT_NATS_CREDS_DIR;
const SERVER_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The server name the agents expect by default on `node`'s bus. */
export function defaultServerName(node: string): string {
  return `routerd-${node}`;
}

export interface NatsRenderValues {
  'creds-dir'?: string | undefined;
  force?: boolean | undefined;
  node?: string | undefined;
  listen?: string | undefined;
  'server-name'?: string | undefined;
}

function isLoopback(host: string): boolean {
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** HOST:PORT on loopback ("[::1]:4222" for IPv6); throws UsageError naming what was found. */
export function checkListen(text: string): string {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const host = match?.[1] ?? match?.[2] ?? '';
  const port = Number(match?.[3]);
  if (match === null || !isLoopback(host) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`expected --listen to be a loopback address and port like ${DEFAULT_NATS_LISTEN} or [::1]:4222, found ${JSON.stringify(text)}`, { command: 'render' });
  }
  return text;
}

function checkServerName(text: string): string {
  if (SERVER_NAME_PATTERN.test(text)) return text;
  throw new UsageError(`expected --server-name to be letters, digits, "_" and "-", found ${JSON.stringify(text)}`, { command: 'render' });
}

/** Writes the missing credentials into the directory and the configuration to stdout. */
export async function renderNats(io: Io, values: NatsRenderValues): Promise<void> {
  const dirFlag = values['creds-dir'];
  if (dirFlag === undefined || dirFlag.trim() === '') {
    throw new UsageError(`nats: expected --creds-dir DIR, the directory of the credential files (e.g. ${DEFAULT_CREDS_DIR})`, { command: 'render' });
  }
  const node = nodeOf('render', values.node, io.env, hostname);
  const listen = checkListen(values.listen ?? DEFAULT_NATS_LISTEN);
  const serverName = checkServerName(values['server-name'] ?? defaultServerName(node));
  const credentials = await ensureCredentials(resolve(io.cwd, dirFlag), values.force === true);
  for (const written of credentials.filter((c) => c.written)) io.stderr.write(`wrote ${written.file} (mode 0600)\n`);
  io.stdout.write(renderNatsConfig({ node, listen, serverName, users: credentials }));
}
