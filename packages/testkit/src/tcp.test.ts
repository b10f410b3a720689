import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { describe, expect, it } from 'vitest';

import { freePort, PollAbort, pollUntil, probeTcp } from './tcp.js';

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

  it('tcp › pollUntil returns the first value and names what it waited for on timeout', async () => {
    let calls = 0;
    expect(await pollUntil('three calls', 1000, () => Promise.resolve(++calls === 3 ? 'done' : undefined))).toBe('done');
    await expect(pollUntil('the moon', 50, () => Promise.reject(new Error('not yet')))).rejects.toThrow(
      'timed out after 50 ms waiting for the moon: not yet',
    );
  });

  it('tcp › pollUntil stops at once on PollAbort', async () => {
    const started = Date.now();
    await expect(pollUntil('a dead process', 5000, () => Promise.reject(new PollAbort('exited early')))).rejects.toThrow('exited early');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
