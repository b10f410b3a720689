import { startNatsServer, waitUntil } from '@routerd/testkit';
import { DebugEvents, Events } from 'nats';
import { afterEach, describe, expect, it } from 'vitest';
import { connectNats, logStatus, natsConnectionOptions } from './connect-nats.js';
import { createLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ name: 'test', node: 'r1', level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { lines, log, messages: () => lines.map((line) => `${String(line.level)} ${String(line.msg)}`) };
}


describe('connectNats', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('connectNats › uses options that survive: wait on first connect, reconnect forever, a name', () => {
    expect(natsConnectionOptions({ servers: 'nats://127.0.0.1:4222', name: 'routerd-syncer@r1' })).toMatchObject({
      servers: 'nats://127.0.0.1:4222',
      name: 'routerd-syncer@r1',
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
      reconnectJitter: 500,
    });
  });

  it('connectNats › logs each status event at a fitting level', () => {
    const { log, messages } = capture();
    logStatus(log, { type: Events.Disconnect, data: 'nats://127.0.0.1:4222' });
    logStatus(log, { type: Events.Reconnect, data: 'nats://127.0.0.1:4222' });
    logStatus(log, { type: Events.Error, data: 'Permissions Violation', permissionContext: { operation: 'publish', subject: 'x' } });
    logStatus(log, { type: Events.LDM, data: 'nats://127.0.0.1:4222' });
    logStatus(log, { type: DebugEvents.Reconnecting, data: 'nats://127.0.0.1:4222' });
    logStatus(log, { type: DebugEvents.StaleConnection, data: '' });
    logStatus(log, { type: Events.Update, data: { added: [], deleted: [] } });
    expect(messages()).toEqual([
      'warn NATS disconnected from nats://127.0.0.1:4222',
      'info NATS reconnected to nats://127.0.0.1:4222',
      'error NATS error: Permissions Violation',
      'warn NATS server entering lame duck mode',
      'debug NATS reconnecting',
      'warn NATS connection stale, reconnecting',
      'info NATS update',
    ]);
  });

  it('connectNats › NATS down at start: keeps trying, logs it, and connects once the server starts', async () => {
    const server = await startNatsServer({ jetstream: false });
    cleanups.push(server.cleanup);
    await server.stop();
    const { log, messages } = capture();
    const connecting = connectNats({ servers: server.url, name: 'test', log, reconnectTimeWaitMs: 100, waitingLogEveryMs: 200 });
    let connected = false;
    void connecting.then(() => {
      connected = true;
    });
    await waitUntil(() => messages().some((m) => m.startsWith('warn still waiting for NATS')));
    expect(connected).toBe(false);
    await server.start();
    const nc = await connecting;
    cleanups.push(() => nc.close());
    expect(messages()).toContain(`info connecting to NATS at ${server.url}`);
    expect(messages()).toContain(`info connected to NATS at 127.0.0.1:${server.port}`);
    await nc.flush();
  }, 20_000);

  it('connectNats › logs a disconnect and the reconnect when the server restarts on the same port', async () => {
    const server = await startNatsServer({ jetstream: false });
    cleanups.push(server.cleanup);
    const { log, messages } = capture();
    const nc = await connectNats({ servers: server.url, name: 'test', log, reconnectTimeWaitMs: 100 });
    cleanups.push(() => nc.close());
    await server.stop();
    await waitUntil(() => messages().some((m) => m.startsWith('warn NATS disconnected')));
    await server.start();
    await waitUntil(() => messages().some((m) => m.startsWith('info NATS reconnected')));
    await nc.flush();
    await nc.close();
    await waitUntil(() => messages().includes('info NATS connection closed'));
  }, 20_000);
});
