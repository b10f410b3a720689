// GET /metrics on the listen address: the registry in Prometheus' text format; anything else is 404.
import { createServer, type Server } from 'node:http';
import { errorMessage } from '@routerd/model';
import type { Registry } from 'prom-client';
import type { ListenAddress } from './listen.js';

export interface MetricsEndpoint {
  /** The address it listens on (the port the kernel gave when 0 was asked, in tests). */
  address: ListenAddress;
  close(): Promise<void>;
}

export class ListenError extends Error {
  override name = 'ListenError';
}

export async function serveMetrics(registry: Registry, listen: ListenAddress, onError: (error: unknown) => void): Promise<MetricsEndpoint> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: the metrics are at GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(request.method === 'HEAD' ? undefined : text),
      (error: unknown) => {
        onError(error);
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`cannot collect the metrics: ${errorMessage(error)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new ListenError(`cannot listen on ${listen.host}:${listen.port} for the metrics: ${errorMessage(error)}`, { cause: error })));
    server.listen(listen.port, listen.host, () => resolve());
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : listen.port;
  return {
    address: { host: listen.host, port },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
