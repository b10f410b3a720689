import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RouterConfig } from '@routerd/model';
import { freePort, type NatsServer, startNatsServer, waitUntil } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats } from './connect-nats.js';
import { createLogger, type Logger } from './logger.js';
import { runAgent, type AgentContext, type AgentHandle, type RunAgentOptions } from './run-agent.js';
import type { ServiceManager } from './service-manager.js';
import { INVALID_YAML, interfacesYaml } from './testing/configs.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ name: 'test-agent', node: 'r1', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { lines, log, messages: () => lines.map((line) => `${String(line.level)} ${String(line.msg)}`) };
}

const names = (config: RouterConfig) => config.resources.map((r) => r.metadata.name);
const DEFAULT_DIRS = { stateDir: '/var/lib/routerd', runtimeDir: '/run/routerd' };

describe('runAgent', () => {
  let server: NatsServer;
  let dir: string;
  let file = 0;

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    dir = await mkdtemp(join(tmpdir(), 'agent-run-'));
  });
  afterAll(async () => {
    await server?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  /** A test agent on the test server, with no flags of its own; `rest` overrides any of it. */
  const runTestAgent = (config: string, log: Logger, rest: Partial<RunAgentOptions> & Pick<RunAgentOptions, 'start'>) =>
    runAgent({ name: 'test-agent', options: { config, nats: server.url, node: 'r1' }, log, flags: {}, env: {}, dirs: DEFAULT_DIRS, signals: new EventEmitter(), ...rest });

  async function configFile(text: string): Promise<string> {
    file += 1;
    const path = join(dir, `router-${file}.yaml`);
    await writeFile(path, text);
    return path;
  }

  it('runAgent › an invalid configuration at start logs every diagnostic and exits 2 (the units do not restart it) without starting', async () => {
    const { lines, log, messages } = capture();
    const config = await configFile(INVALID_YAML);
    let started = false;
    const code = await runTestAgent(config, log, {
      start: () => {
        started = true;
        return { reload: async () => {}, stop: async () => {} };
      },
    });
    expect(code).toBe(2);
    expect(started).toBe(false);
    const diagnostics = lines.filter((line) => String(line.msg).startsWith(`${config}:`));
    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(diagnostics.every((line) => line.level === 'error')).toBe(true);
    expect(messages().at(-1)).toBe('error invalid configuration; not starting');
  });

  it('runAgent › SIGHUP with a bad config keeps the old one; a good one is applied', async () => {
    const { log, messages } = capture();
    const config = await configFile(interfacesYaml('lan'));
    const signals = new EventEmitter();
    const reloaded: RouterConfig[] = [];
    let startedWith: RouterConfig | undefined;
    const running = runTestAgent(config, log, {
      signals,
      start: (ctx: AgentContext): AgentHandle => {
        startedWith = ctx.config;
        return { reload: async (next) => void reloaded.push(next), stop: async () => {} };
      },
    });
    await waitUntil(() => messages().includes('info test-agent started'));
    expect(names(startedWith as RouterConfig)).toEqual(['lan']);

    await writeFile(config, INVALID_YAML);
    signals.emit('SIGHUP');
    await waitUntil(() => messages().includes('error invalid configuration; keeping the previous configuration'));
    expect(reloaded).toEqual([]);
    expect(messages().filter((m) => m.startsWith(`error ${config}:`)).length).toBeGreaterThanOrEqual(2);

    await writeFile(config, interfacesYaml('lan', 'wan'));
    signals.emit('SIGHUP');
    await waitUntil(() => reloaded.length === 1);
    expect(names(reloaded[0] as RouterConfig)).toEqual(['lan', 'wan']);

    signals.emit('SIGTERM');
    await expect(running).resolves.toBe(0);
    expect(signals.listenerCount('SIGHUP') + signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
  });

  it('runAgent › a reload the agent rejects is logged and the agent keeps running', async () => {
    const { messages, log } = capture();
    const config = await configFile(interfacesYaml('lan'));
    const signals = new EventEmitter();
    const running = runTestAgent(config, log, {
      signals,
      start: () => ({ reload: () => Promise.reject(new Error('cannot apply')), stop: async () => {} }),
    });
    await waitUntil(() => messages().includes('info test-agent started'));
    signals.emit('SIGHUP');
    await waitUntil(() => messages().includes('error the agent failed to apply the new configuration'));
    signals.emit('SIGINT');
    await expect(running).resolves.toBe(0);
  });

  it('runAgent › SIGTERM stops the agent, then drains: messages published just before it are delivered', async () => {
    const { log, messages } = capture();
    const config = await configFile(interfacesYaml('lan'));
    const signals = new EventEmitter();
    const handled: string[] = [];
    const observer = await connect({ servers: server.url });
    const goodbyes: string[] = [];
    const goodbyeSub = observer.subscribe('test.bye', { callback: (_err, msg) => void goodbyes.push(msg.string()) });
    await observer.flush();

    const running = runTestAgent(config, log, {
      signals,
      start: async ({ nc }) => {
        const sub = nc.subscribe('test.in');
        const loop = (async () => {
          for await (const msg of sub) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            handled.push(msg.string());
          }
        })();
        await nc.flush();
        return { reload: async () => {}, stop: async () => void nc.publish('test.bye', 'stopping'), drained: () => loop };
      },
    });
    await waitUntil(() => messages().includes('info test-agent started'));

    const publisher = await connect({ servers: server.url });
    const sent = Array.from({ length: 30 }, (_, i) => `m${i}`);
    for (const text of sent) publisher.publish('test.in', text);
    await publisher.flush();
    signals.emit('SIGTERM');
    signals.emit('SIGTERM');

    await expect(running).resolves.toBe(0);
    expect(handled).toEqual(sent);
    await waitUntil(() => goodbyes.length === 1);
    expect(goodbyes).toEqual(['stopping']);
    expect(messages()).toEqual(expect.arrayContaining(['info SIGTERM: stopping', 'warn SIGTERM again: already stopping', 'info test-agent stopped', 'info NATS connection drained']));
    goodbyeSub.unsubscribe();
    await publisher.close();
    await observer.close();
  });

  it('runAgent › a stop that hangs is bounded; the connection is still drained and the exit code is 1', async () => {
    const { log, messages } = capture();
    const config = await configFile(interfacesYaml('lan'));
    const signals = new EventEmitter();
    const running = runTestAgent(config, log, {
      signals,
      stopTimeoutMs: 100,
      start: () => ({ reload: async () => {}, stop: () => new Promise<void>(() => {}) }),
    });
    await waitUntil(() => messages().includes('info test-agent started'));
    signals.emit('SIGTERM');
    await expect(running).resolves.toBe(1);
    expect(messages()).toContain('error stopping test-agent failed: stopping test-agent did not finish within 100 ms');
    expect(messages()).toContain('info NATS connection drained');
  });

  it('runAgent › SIGTERM while NATS is unreachable ends at once without starting', async () => {
    const { log, messages } = capture();
    const config = await configFile(interfacesYaml('lan'));
    const signals = new EventEmitter();
    const port = await freePort();
    let started = false;
    const running = runTestAgent(config, log, {
      options: { config, nats: `nats://127.0.0.1:${port}`, node: 'r1' },
      signals,
      connect: (options) => connectNats({ ...options, reconnectTimeWaitMs: 50 }),
      start: () => {
        started = true;
        return { reload: async () => {}, stop: async () => {} };
      },
    });
    await waitUntil(() => messages().some((m) => m.startsWith('info connecting to NATS')));
    signals.emit('SIGINT');
    await expect(running).resolves.toBe(0);
    expect(started).toBe(false);
    expect(messages()).toContain('info stopped before NATS was reachable');
  });

  it('runAgent › connects with the credential and the expected server name it was given', async () => {
    const { log } = capture();
    const config = await configFile(interfacesYaml('lan'));
    const credential = { file: '/c/syncer.nk', seed: new Uint8Array([1]), publicKey: 'UTEST' };
    let asked: unknown;
    const refused = runTestAgent(config, log, {
      options: { config, nats: server.url, node: 'r1', natsServerName: 'routerd-r1' },
      credential,
      connect: (options) => {
        asked = { credential: options.credential, serverName: options.serverName, name: options.name };
        return Promise.reject(new Error('not connecting'));
      },
      start: () => ({ reload: async () => {} }),
    });
    await expect(refused).rejects.toThrow('not connecting');
    expect(asked).toEqual({ credential, serverName: 'routerd-r1', name: 'test-agent@r1' });
  });

  it('runAgent › a failing start rejects (main exits), stops what it deferred, last first, and closes the connection', async () => {
    const { log, messages } = capture();
    const config = await configFile(interfacesYaml('lan'));
    let connection: NatsConnection | undefined;
    const stopped: string[] = [];
    const running = runTestAgent(config, log, {
      connect: async (options) => (connection = await connectNats(options)),
      start: ({ defer, nc }) => {
        defer(() => void stopped.push(`watcher (connection open: ${!nc.isClosed()})`));
        defer(() => Promise.reject(new Error('monitor already gone')));
        defer(() => void stopped.push('fifo'));
        throw new Error('cannot bind');
      },
    });
    await expect(running).rejects.toThrow('cannot bind');
    expect(stopped).toEqual(['fifo', 'watcher (connection open: true)']);
    expect(messages()).toContain('error stopping what test-agent started failed: monitor already gone');
    expect(connection?.isClosed()).toBe(true);
  });

  it('runAgent › hands the agent its flags, env and dirs; at SIGTERM the handle stops first, then the deferred steps, last first', async () => {
    const { log, messages } = capture();
    const config = await configFile(interfacesYaml('lan'));
    const signals = new EventEmitter();
    const stopped: string[] = [];
    const given = { flags: { zone: 'lan' }, env: { ROUTERD_NODE: 'r1' }, dirs: { stateDir: '/s', runtimeDir: '/r' } };
    let seen: unknown;
    const running = runTestAgent(config, log, {
      ...given,
      signals,
      start: ({ flags, env, dirs, defer }) => {
        seen = { flags, env, dirs };
        defer(() => void stopped.push('monitor'));
        defer(() => void stopped.push('service'));
        return { reload: async () => {}, stop: async () => void stopped.push('handle') };
      },
    });
    await waitUntil(() => messages().includes('info test-agent started'));
    expect(seen).toEqual(given);
    signals.emit('SIGTERM');
    await expect(running).resolves.toBe(0);
    expect(stopped).toEqual(['handle', 'service', 'monitor']);
  });

  it('runAgent › tells systemd READY once its NATS service answers, STOPPING at SIGTERM, and feeds the watchdog until it exits', async () => {
    const { log } = capture();
    const config = await configFile(interfacesYaml('lan'));
    const signals = new EventEmitter();
    const client = await connect({ servers: server.url });
    const events: string[] = [];
    let answerAtReady: string | undefined;
    const manager: ServiceManager = {
      watchdogMs: 30_000,
      ready: async (status) => {
        // What Type=notify promises: a request sent now is answered.
        answerAtReady = (await client.request('test.status', '', { timeout: 2_000 })).string();
        events.push(`ready ${status}`);
        return true;
      },
      stopping: async () => {
        events.push('stopping');
        return true;
      },
      startWatchdog: () => {
        events.push('watchdog on');
        return () => void events.push('watchdog off');
      },
    };
    const running = runTestAgent(config, log, {
      signals,
      serviceManager: manager,
      start: async ({ nc }) => {
        const service = await nc.services.add({ name: 'test-agent', version: '0.0.1' });
        service.addEndpoint('status', { subject: 'test.status', handler: (_err, msg) => void msg.respond('serving') });
        return { reload: async () => {}, stop: async () => void (await service.stop()) };
      },
    });
    await waitUntil(() => events.length === 2);
    expect(events).toEqual(['watchdog on', 'ready test-agent: serving on NATS']);
    expect(answerAtReady).toBe('serving');
    signals.emit('SIGTERM');
    await expect(running).resolves.toBe(0);
    expect(events).toEqual(['watchdog on', 'ready test-agent: serving on NATS', 'stopping', 'watchdog off']);
    await client.close();
  });

  it('runAgent › an invalid configuration is never reported ready, and the watchdog stops with it', async () => {
    const { log } = capture();
    const config = await configFile(INVALID_YAML);
    const events: string[] = [];
    const manager: ServiceManager = {
      watchdogMs: undefined,
      ready: async () => Boolean(events.push('ready')),
      stopping: async () => Boolean(events.push('stopping')),
      startWatchdog: () => {
        events.push('watchdog on');
        return () => void events.push('watchdog off');
      },
    };
    const code = await runTestAgent(config, log, { serviceManager: manager, start: () => ({ reload: async () => {} }) });
    expect(code).toBe(2);
    expect(events).toEqual(['watchdog on', 'watchdog off']);
  });
});
