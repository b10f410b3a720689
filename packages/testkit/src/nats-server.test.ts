import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ComponentStartError, TestkitOptionError } from './errors.js';
import { startNatsServer } from './nats-server.js';
import { isAlive } from './process-tree.js';
import type { NatsServer } from './nats-server.js';
import { probeTcp } from './tcp.js';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('startNatsServer', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await startNatsServer({ jetstream: true });
  }, 30_000);
  afterAll(() => server.cleanup(), 30_000);

  it('nats-server › listens on a random loopback port and greets with INFO', async () => {
    expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const banner = await probeTcp(server.port);
    expect(banner).toMatch(/^INFO \{.*"jetstream":true/);
  });

  it('nats-server › restarts on the same port with a new process', async () => {
    const { port, pid } = server;
    await server.restart();
    expect(server.port).toBe(port);
    expect(server.pid).not.toBe(pid);
    expect(isAlive(pid)).toBe(false);
    expect(await probeTcp(server.port)).toMatch(/^INFO /);
  }, 30_000);

  it('nats-server › stop leaves no process and refuses connections; start brings it back', async () => {
    const { port, pid } = server;
    await server.stop();
    expect(isAlive(pid)).toBe(false);
    expect(await refused(port)).toBe(true);
    await server.start();
    expect(server.port).toBe(port);
    expect(await probeTcp(port)).toMatch(/^INFO /);
  }, 30_000);
});

describe('startNatsServer with a configuration file', () => {
  it('nats-server › runs the given file on a port of its own, reading it again at each start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'routerd-nats-config-'));
    const file = join(dir, 'bus.conf');
    await writeFile(file, 'server_name: "bus-a"\nlisten: "127.0.0.1:4222"\n');
    const server = await startNatsServer({ configFile: file });
    try {
      expect(server.port).not.toBe(4222);
      expect(await probeTcp(server.port)).toMatch(/"server_name":"bus-a"/);
      await writeFile(file, 'server_name: "bus-b"\nlisten: "127.0.0.1:4222"\n');
      await server.restart();
      expect(await probeTcp(server.port)).toMatch(/"server_name":"bus-b"/);
      await server.cleanup();
      await expect(access(file)).resolves.toBeUndefined();
    } finally {
      await server.cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('nats-server › rejects a relative configuration file', async () => {
    await expect(startNatsServer({ configFile: 'bus.conf' })).rejects.toThrow(new TestkitOptionError('Expected the `configFile` option to be an absolute path, got "bus.conf"'));
  });
});

describe('startNatsServer failures', () => {
  it('nats-server › cleanup stops the process and removes its temp dir', async () => {
    const server = await startNatsServer({ jetstream: false });
    expect(await probeTcp(server.port)).not.toMatch(/"jetstream":true/);
    const { pid, dir } = server;
    await server.cleanup();
    expect(isAlive(pid)).toBe(false);
    await expect(access(dir)).rejects.toThrow(/ENOENT/);
  }, 30_000);

  it('nats-server › reports a server that cannot start', async () => {
    await expect(startNatsServer({ command: '/bin/false', startTimeoutMs: 2000 })).rejects.toThrow(ComponentStartError);
    await expect(startNatsServer({ command: '/bin/false', startTimeoutMs: 2000 })).rejects.toThrow(/^nats-server: .*exited early/);
  }, 30_000);

  it('nats-server › rejects a bad option', async () => {
    const options = { jetstream: 'yes' } as unknown as { jetstream: boolean };
    await expect(startNatsServer(options)).rejects.toThrow(
      new TestkitOptionError('Expected the `jetstream` option to be a boolean, got "yes"'),
    );
  });
});
