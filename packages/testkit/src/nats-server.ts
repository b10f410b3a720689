import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { spawnDaemon, stopDaemon } from './daemon.js';
import type { Daemon } from './daemon.js';
import { ComponentStartError, TestkitOptionError } from './errors.js';
import { probeTcp } from './tcp.js';
import { WaitAbort, waitFor } from './wait.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';
import { errorMessage } from '@routerd/model';

export interface NatsServerOptions {
  /** Enables JetStream, stored under the server's temp dir. Default true. */
  readonly jetstream?: boolean;
  /** The executable; default `nats-server` from PATH. */
  readonly command?: string;
  /**
   * A configuration file to run instead of the generated one (e.g. `routerctl render nats` output), read
   * again at each start. The port is still chosen here (`-p`, which wins over its `listen`), the log
   * goes to the temp dir, and `jetstream` does not apply.
   */
  readonly configFile?: string;
  readonly startTimeoutMs?: number;
}

/** A nats-server on 127.0.0.1 in its own temp dir. Stop it with `cleanup()` in afterAll. */
export interface NatsServer {
  readonly url: string;
  readonly port: number;
  /** The current process (changes on restart). */
  readonly pid: number;
  readonly dir: string;
  /** Stops the process (SIGTERM, then SIGKILL); files stay, `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stop() then start(): same port, same JetStream store. */
  restart(): Promise<void>;
  /** stop() and remove the temp dir. */
  cleanup(): Promise<void>;
}

function configText(dir: string, jetstream: boolean): string {
  const lines = ['host: "127.0.0.1"', `log_file: ${JSON.stringify(join(dir, 'nats-server.log'))}`];
  if (jetstream) {
    lines.push(`jetstream {`, `  store_dir: ${JSON.stringify(join(dir, 'jetstream'))}`, '  max_memory_store: 67108864', '  max_file_store: 268435456', '}');
  }
  return `${lines.join('\n')}\n`;
}

async function logTail(dir: string): Promise<string> {
  const log = await readFile(join(dir, 'nats-server.log'), 'utf8').catch(() => '');
  return log.split('\n').slice(-8).join('\n');
}

/** Reads the port nats-server chose from `<dir>/nats-server_<pid>.ports`. */
async function portFromPortsFile(dir: string, pid: number): Promise<number | undefined> {
  const text = await readFile(join(dir, `nats-server_${pid}.ports`), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed: unknown = JSON.parse(text);
  const url = typeof parsed === 'object' && parsed !== null && 'nats' in parsed && Array.isArray(parsed.nats) ? parsed.nats[0] : undefined;
  const port = typeof url === 'string' ? Number(new URL(url).port) : Number.NaN;
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no client port in ports file: ${text}`);
  return port;
}

/** Starts a real nats-server on a random loopback port (`-p -1`), JetStream on by default. */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const { jetstream = true, command = 'nats-server', startTimeoutMs = 10_000, configFile } = options;
  if (typeof jetstream !== 'boolean') {
    throw new TestkitOptionError(`Expected the \`jetstream\` option to be a boolean, got ${JSON.stringify(jetstream)}`);
  }
  if (configFile !== undefined && (typeof configFile !== 'string' || !configFile.startsWith('/'))) {
    throw new TestkitOptionError(`Expected the \`configFile\` option to be an absolute path, got ${JSON.stringify(configFile)}`);
  }
  const dir = await makeTempDir('nats');
  const config = configFile ?? join(dir, 'nats-server.conf');
  if (configFile === undefined) await writeFile(config, configText(dir, jetstream));

  let port = -1;
  let daemon: Daemon | undefined;

  const launch = async (): Promise<Daemon> => {
    const current = spawnDaemon('nats-server', command, ['-c', config, '-p', String(port), '-l', join(dir, 'nats-server.log'), '--ports_file_dir', dir]);
    try {
      const poll = { timeoutMs: startTimeoutMs, intervalMs: 20 };
      const chosen = await waitFor('the ports file', async () => {
        if (current.hasExited()) throw new WaitAbort(`exited early:\n${await logTail(dir)}`);
        return portFromPortsFile(dir, current.pid);
      }, poll);
      await waitFor(`a TCP connection to 127.0.0.1:${chosen}`, async () => {
        if (current.hasExited()) throw new WaitAbort(`exited early:\n${await logTail(dir)}`);
        const banner = await probeTcp(chosen);
        return banner.startsWith('INFO ') ? banner : undefined;
      }, poll);
      port = chosen;
      return current;
    } catch (error) {
      await stopDaemon(current);
      throw new ComponentStartError('nats-server', errorMessage(error), { cause: error });
    }
  };

  const stop = async (): Promise<void> => {
    const current = daemon;
    daemon = undefined;
    if (current === undefined) return;
    await stopDaemon(current);
    await rm(join(dir, `nats-server_${current.pid}.ports`), { force: true });
  };

  let lastPid = 0;
  const start = async (): Promise<void> => {
    if (daemon !== undefined) return;
    daemon = await launch();
    lastPid = daemon.pid;
  };

  try {
    await start();
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }

  return {
    get url() {
      return `nats://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get pid() {
      return lastPid;
    },
    dir,
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    cleanup: async () => {
      await stop();
      await removeTempDir(dir);
    },
  };
}
