// A real keepalived in the rig's namespace, so the vip-watcher sees what it sees on a router: a vrrp VIP
// reads master only while keepalived runs (a kernel VIP without it is unknown). Its configuration has no
// vrrp_instance: it never moves the address, the tests do that with `ip addr`. Started and stopped by PID.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess, stopProcess, waitFor, WaitAbort, type StartedProcess } from '@routerd/testkit';

export interface Keepalived {
  /** Where the vip-watcher's --keepalived-pidfile points. */
  readonly pidFile: string;
  /** The running keepalived's pid, undefined while stopped. */
  readonly pid: number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** stop() and remove its files. */
  cleanup(): Promise<void>;
}

const CONFIG = `# system tests: an idle keepalived (no vrrp_instance); the tests add and remove the VIP themselves.
global_defs {
  router_id rdtest
}
`;

/** In a temp dir of its own, like the rig's nats-server and sshd: the rig's dir holds only what the agents use. */
export async function startKeepalived(netns: string): Promise<Keepalived> {
  const dir = await mkdtemp(join(tmpdir(), 'rdka-'));
  const config = join(dir, 'keepalived.conf');
  const pidFile = join(dir, 'keepalived.pid');
  const log = join(dir, 'keepalived.log');
  await writeFile(config, CONFIG);
  let running: StartedProcess | undefined;

  const start = async () => {
    if (running !== undefined) return;
    await rm(pidFile, { force: true });
    const argv = ['ip', 'netns', 'exec', netns, 'keepalived', '--dont-fork', '--log-console', '--vrrp', '--use-file', config, '--pid', pidFile, '--vrrp_pid', join(dir, 'keepalived-vrrp.pid')];
    // `ip netns exec` execs keepalived: the pid started is keepalived's own, the one its pid file holds.
    const started = startProcess('keepalived', argv, { logFile: log });
    running = started;
    await waitFor(`keepalived's pid file ${pidFile}`, async () => {
      if (started.hasExited()) throw new WaitAbort(`keepalived exited at start: ${await readFile(log, 'utf8').catch(() => '')}`);
      return (await readFile(pidFile, 'utf8').catch(() => '')).trim() === String(started.pid) ? true : undefined;
    }, { timeoutMs: 10_000 });
  };
  const stop = async () => {
    const current = running;
    running = undefined;
    if (current !== undefined) await stopProcess(current);
  };
  try {
    await start();
  } catch (error) {
    await stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    pidFile,
    get pid() {
      return running?.pid;
    },
    start,
    stop,
    cleanup: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
