import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

import { checkBindMounts, inMountNamespace } from './bind-mounts.js';
import type { BindMount } from './bind-mounts.js';
import { spawnDaemon, stopDaemon } from './daemon.js';
import type { Daemon } from './daemon.js';
import { ComponentStartError, TestkitOptionError } from './errors.js';
import { clientOptions, sshdConfigText, sshdFiles } from './sshd-config.js';
import type { SshdFiles } from './sshd-config.js';
import { generateEd25519Key, knownHostsLine } from './ssh-keys.js';
import { checkUserName, ensureUser } from './system-user.js';
import { freePort, probeTcp } from './tcp.js';
import { WaitAbort, waitFor } from './wait.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';
import { errorMessage } from '@routerd/model';

export interface SshdOptions {
  /** The only user allowed in; default `root`. Another name is created on demand (useradd). */
  readonly user?: string;
  /** Options before the authorized key; default `restrict` (no pty, no forwarding; rsync works). */
  readonly authorizedKeyOptions?: string;
  /** Runs sshd in its own mount namespace with these bind mounts: the "standby" filesystem view. */
  readonly bindMounts?: readonly BindMount[];
  /** The sshd executable (absolute: sshd re-executes itself); default /usr/sbin/sshd. */
  readonly command?: string;
  readonly startTimeoutMs?: number;
}

/** A test sshd on 127.0.0.1. Call `cleanup()` in afterAll. */
export interface Sshd {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly identityFile: string;
  readonly knownHostsFile: string;
  /** The client arguments: `ssh ...sshOptions user@host cmd`, or rsync `-e "ssh ..."`. */
  readonly sshOptions: readonly string[];
  /** The current sshd listener (changes on start). */
  readonly pid: number;
  readonly dir: string;
  /** Stops sshd and every session it spawned (the standby goes down); files and port are kept. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same keys. */
  start(): Promise<void>;
  /** stop() and remove the temp dir. */
  cleanup(): Promise<void>;
}

const BIND_FAILURE = /Bind to port|Cannot bind any address|Address already in use/;

function checkOptions(options: SshdOptions): { user: string; keyOptions: string } {
  const user = checkUserName(options.user ?? 'root');
  const keyOptions = options.authorizedKeyOptions ?? 'restrict';
  if (typeof keyOptions !== 'string' || /[\n\s]/.test(keyOptions.replace(/"[^"\n]*"/g, ''))) {
    throw new TestkitOptionError(`Expected the \`authorizedKeyOptions\` option to be one options field like "restrict,command=\\"...\\"", got ${JSON.stringify(keyOptions)}`);
  }
  if (options.command !== undefined && !options.command.startsWith('/')) {
    throw new TestkitOptionError(`Expected the \`command\` option to be an absolute path (sshd re-executes itself), got ${JSON.stringify(options.command)}`);
  }
  return { user, keyOptions };
}

async function prepareFiles(files: SshdFiles, user: string, keyOptions: string): Promise<string> {
  // A non-root user reads authorized_keys with its own rights: let it through the temp dir.
  await chmod(files.dir, 0o755);
  const hostKey = await generateEd25519Key(files.hostKey, 'routerd-testkit-host');
  const userKey = await generateEd25519Key(files.identityFile, `routerd-testkit-${user}`);
  await writeFile(files.authorizedKeys, `${keyOptions.length > 0 ? `${keyOptions} ` : ''}${userKey}\n`, { mode: 0o644 });
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  return hostKey;
}

async function logTail(files: SshdFiles): Promise<string> {
  const log = await readFile(files.log, 'utf8').catch(() => '');
  return log.split('\n').slice(-8).join('\n');
}

/** Starts a real sshd for key logins on a free loopback port, with generated host and user keys. */
export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  const { user, keyOptions } = checkOptions(options);
  const mounts = await checkBindMounts(options.bindMounts ?? []);
  const command = options.command ?? '/usr/sbin/sshd';
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  if (user !== 'root') await ensureUser(user);

  const dir = await makeTempDir('sshd');
  const files = sshdFiles(dir);
  let port = 0;
  let daemon: Daemon | undefined;
  let lastPid = 0;

  const launch = async (): Promise<Daemon> => {
    await writeFile(files.config, sshdConfigText(files, port, user));
    await rm(files.pidFile, { force: true });
    const argv = [command, '-D', '-E', files.log, '-f', files.config];
    const { file, args } = mounts.length > 0 ? inMountNamespace(mounts, argv) : { file: command, args: argv.slice(1) };
    const current = spawnDaemon('sshd', file, args);
    try {
      const poll = { timeoutMs: startTimeoutMs, intervalMs: 20 };
      await waitFor(`sshd's pid file ${files.pidFile}`, async () => {
        if (current.hasExited()) throw new WaitAbort(`exited early:\n${await logTail(files)}`);
        const written = await readFile(files.pidFile, 'utf8').catch(() => '');
        return written.trim() === String(current.pid) ? true : undefined;
      }, poll);
      await waitFor(`an SSH banner on 127.0.0.1:${port}`, async () => {
        const banner = await probeTcp(port);
        return banner.startsWith('SSH-2.0-') ? banner : undefined;
      }, poll);
      return current;
    } catch (error) {
      await stopDaemon(current);
      throw new ComponentStartError('sshd', errorMessage(error), { cause: error });
    }
  };

  const start = async (): Promise<void> => {
    if (daemon !== undefined) return;
    daemon = await launch();
    lastPid = daemon.pid;
  };

  const stop = async (): Promise<void> => {
    const current = daemon;
    daemon = undefined;
    if (current !== undefined) await stopDaemon(current);
  };

  try {
    const hostKey = await prepareFiles(files, user, keyOptions);
    // The free port can be taken between the probe and sshd's bind: try a few.
    for (let attempt = 1; daemon === undefined; attempt++) {
      port = await freePort();
      await writeFile(files.knownHosts, `${knownHostsLine('127.0.0.1', port, hostKey)}\n`);
      try {
        await start();
      } catch (error) {
        const bindFailed = error instanceof Error && BIND_FAILURE.test(error.message);
        if (!bindFailed || attempt >= 5) throw error;
      }
    }
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }

  return {
    host: '127.0.0.1',
    port,
    user,
    identityFile: files.identityFile,
    knownHostsFile: files.knownHosts,
    sshOptions: clientOptions(files, port),
    get pid() {
      return lastPid;
    },
    dir,
    stop,
    start,
    cleanup: async () => {
      await stop();
      await removeTempDir(dir);
    },
  };
}
