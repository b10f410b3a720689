import { describe, expect, it } from 'vitest';
import { fakeNats } from '../testing/fake-nats.js';
import { withConnection } from './connection.js';
import { NatsUnreachableError } from './errors.js';

describe('routerctl › connection', () => {
  it('routerctl › connects without reconnects and closes even when the work fails', async () => {
    const fake = fakeNats({});
    await expect(withConnection(fake.deps, { url: 'nats://127.0.0.1:4222', timeoutMs: 500 }, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fake.connected).toEqual([{ servers: 'nats://127.0.0.1:4222', name: 'routerctl', maxReconnectAttempts: 0, reconnect: false, timeout: 500 }]);
    expect(fake.closed).toBe(1);
  });

  it('routerctl › a failed connect names the URL, the timeout and the cause', async () => {
    const fake = fakeNats({}, { connectError: Object.assign(new Error('timeout'), { code: 'TIMEOUT' }) });
    const run = withConnection(fake.deps, { url: 'nats://192.0.2.9:4222', timeoutMs: 3000 }, () => Promise.resolve(1));
    await expect(run).rejects.toThrow(new NatsUnreachableError('cannot reach NATS at nats://192.0.2.9:4222 within 3s: timeout (TIMEOUT)'));
  });
});
