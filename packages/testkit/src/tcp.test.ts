import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { describe, expect, it } from 'vitest';

import { freePort, probeTcp } from './tcp.js';

function listen(port: number, greeting: string): Promise<Server> {
  const server = createServer((socket) => socket.end(greeting));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('tcp helpers', () => {
  it('tcp › freePort gives a port a server can listen on, and probeTcp reads its greeting', async () => {
    const port = await freePort();
    const server = await listen(port, 'HELLO there\nmore\n');
    try {
      expect(await probeTcp(port)).toBe('HELLO there\nmore\n');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('tcp › probeTcp rejects when nothing listens', async () => {
    const port = await freePort();
    await expect(probeTcp(port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
