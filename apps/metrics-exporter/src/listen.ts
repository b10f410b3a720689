// Where the metrics endpoint listens: HOST:PORT on loopback only. The metrics name peers, targets and
// failure messages' reasons; anything off this host reads them through a scraper on this host.
import { isIP } from 'node:net';

export const DEFAULT_LISTEN = '127.0.0.1:9464';

export interface ListenAddress {
  host: string;
  port: number;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.split('.')[0] === '127';
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** The address in `text` ("127.0.0.1:9464", "[::1]:9464", "localhost:9464"), or the problem as "expected ..., found ...". */
export function parseListen(text: string): ListenAddress | string {
  const expected = `expected HOST:PORT on loopback, like ${DEFAULT_LISTEN} or [::1]:9464`;
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  if (match === null) return `${expected}, found ${JSON.stringify(text)}`;
  const host = (match[1] ?? match[2]) as string;
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `expected a port from 1 to 65535, found ${JSON.stringify(match[3])} in ${JSON.stringify(text)}`;
  if (!isLoopback(host)) return `expected a loopback host (127.0.0.0/8, ::1 or localhost: the endpoint is for a scraper on this router), found ${JSON.stringify(host)} in ${JSON.stringify(text)}`;
  return { host, port };
}

/** The problem with `text`, for the flag's check; undefined when it is a loopback HOST:PORT. */
export function listenProblem(text: string): string | undefined {
  const parsed = parseListen(text);
  return typeof parsed === 'string' ? parsed : undefined;
}
