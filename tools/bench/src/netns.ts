// The VIP's home: a network namespace `rdbench-<pid>` with a veth pair and 192.0.2.1/32 on one end.
// Nothing is added to the host's namespace.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BenchSetupError } from './errors.js';

const run = promisify(execFile);

export interface VipNamespace {
  name: string;
  ifname: string;
  remove(): Promise<void>;
}

/** True when the built vip-watcher takes --netns NAME (it says so in its --help). */
export async function vipWatcherHasNetns(mainJs: string): Promise<boolean> {
  const { stdout } = await run(process.execPath, [mainJs, '--help']).catch(() => ({ stdout: '' }));
  return /--netns\b/.test(stdout);
}

export async function createVipNamespace(name: string, address: string): Promise<VipNamespace> {
  const ifname = 'rdb0';
  const ip = (...args: string[]) => run('ip', args);
  try {
    await ip('netns', 'add', name);
    await ip('-n', name, 'link', 'add', ifname, 'type', 'veth', 'peer', 'name', 'rdb1');
    await ip('-n', name, 'link', 'set', 'rdb1', 'up');
    await ip('-n', name, 'link', 'set', ifname, 'up');
    await ip('-n', name, 'addr', 'add', address, 'dev', ifname);
  } catch (error) {
    await ip('netns', 'del', name).catch(() => undefined);
    throw new BenchSetupError(`cannot create network namespace ${name} with ${address} on ${ifname}: ${(error as Error).message}`, { cause: error });
  }
  return {
    name,
    ifname,
    remove: async () => {
      await ip('netns', 'del', name).catch(() => undefined);
    },
  };
}
