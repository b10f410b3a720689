import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer, waitUntil } from '@routerd/testkit';
import { DebugEvents, Events, nkeys } from 'nats';
import { afterEach, describe, expect, it } from 'vitest';
import { connectNats, logStatus, natsConnectionOptions, WrongServerError } from './connect-nats.js';
import { createLogger } from './logger.js';
import { parseNatsSeed } from './nats-credential.js';

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

  async function configFile(text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'routerd-connect-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'bus.conf');
    await writeFile(file, text);
    return file;
  }

  it('connectNats › refuses a server with another name, logs it, and connects once the named one answers', async () => {
    const file = await configFile('server_name: "debian-nats"\n');
    const server = await startNatsServer({ configFile: file });
    cleanups.push(server.cleanup);
    const { log, messages } = capture();
    const connecting = connectNats({ servers: server.url, name: 'test', log, serverName: 'routerd-r1', reconnectTimeWaitMs: 100 });
    let connected = false;
    void connecting.then(() => {
      connected = true;
    });
    await waitUntil(() => messages().some((m) => m.startsWith('error the NATS server reached is named "debian-nats", expected "routerd-r1"')));
    expect(connected).toBe(false);
    await writeFile(file, 'server_name: "routerd-r1"\n');
    await server.restart();
    const nc = await connecting;
    cleanups.push(() => nc.close());
    expect(nc.info?.server_name).toBe('routerd-r1');
  }, 20_000);

  it('connectNats › a reconnect that reaches a server with another name closes the connection: the agent stops rather than trust it', async () => {
    const file = await configFile('server_name: "routerd-r1"\n');
    const server = await startNatsServer({ configFile: file });
    cleanups.push(server.cleanup);
    const { log } = capture();
    const nc = await connectNats({ servers: server.url, name: 'test', log, serverName: 'routerd-r1', reconnectTimeWaitMs: 100 });
    cleanups.push(() => nc.close());
    const sub = nc.subscribe('routerd.r1.vip.*');
    await nc.flush();
    await writeFile(file, 'server_name: "squatter"\n');
    await server.restart();
    const error = await nc.closed();
    expect(error).toBeInstanceOf(WrongServerError);
    expect(error?.message).toMatch(/^the NATS server reached is named "squatter", expected "routerd-r1"/);
    sub.unsubscribe();
  }, 20_000);

  it('connectNats › signs in with the nkey credential; without it the server refuses the connection', async () => {
    const pair = (nkeys as { createUser(): { getSeed(): Uint8Array } }).createUser();
    const credential = parseNatsSeed(new TextDecoder().decode(pair.getSeed()), 'test.nk');
    const file = await configFile(`server_name: "routerd-r1"\nauthorization { users: [ { nkey: ${JSON.stringify(credential.publicKey)} } ] }\n`);
    const server = await startNatsServer({ configFile: file });
    cleanups.push(server.cleanup);
    const { log } = capture();
    const nc = await connectNats({ servers: server.url, name: 'test', log, credential, serverName: 'routerd-r1' });
    cleanups.push(() => nc.close());
    await nc.flush();
    await expect(connectNats({ servers: server.url, name: 'anonymous', log: capture().log })).rejects.toThrow(/Authorization Violation/i);
  }, 20_000);
});

