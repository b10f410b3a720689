// A network namespace with a veth pair inside (this kernel has no dummy links) that carries the VIP.
// Documentation addresses only; nothing leaves the namespace.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class NetnsError extends Error {
  override name = 'NetnsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface TestNetns {
  readonly name: string;
  /** The veth end the VirtualAddress lives on. */
  readonly ifname: string;
  readonly vip: string;
  addVip(): Promise<void>;
  delVip(): Promise<void>;
  /** `ip netns del`; safe to call twice. */
  remove(): Promise<void>;
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

async function ip(args: readonly string[]): Promise<void> {
  try {
    await run('ip', [...args], { timeout: 10_000 });
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : '';
    throw new NetnsError(`ip ${args.join(' ')} failed${stderr === '' ? '' : `: ${stderr}`}`, { cause: error });
  }
}

/** Creates namespace `name` with veth `ifname` (peer `<ifname>p`) up, and the VIP on `ifname`. */
export async function createNetns(name: string, ifname: string, vip: string): Promise<TestNetns> {
  if (!NAME.test(name)) throw new NetnsError(`netns name: expected letters, digits, "_", "." or "-", found ${JSON.stringify(name)}`);
  if (!IFNAME.test(ifname) || ifname.length > 14) throw new NetnsError(`ifname: expected at most 14 characters of letters, digits, "_", "." or "-", found ${JSON.stringify(ifname)}`);
  await ip(['netns', 'add', name]);
  let removed = false;
  const handle: TestNetns = {
    name,
    ifname,
    vip,
    addVip: () => ip(['-n', name, 'addr', 'add', vip, 'dev', ifname]),
    delVip: () => ip(['-n', name, 'addr', 'del', vip, 'dev', ifname]),
    async remove() {
      if (removed) return;
      removed = true;
      await ip(['netns', 'del', name]);
    },
  };
  try {
    await ip(['-n', name, 'link', 'add', ifname, 'type', 'veth', 'peer', 'name', `${ifname}p`]);
    await ip(['-n', name, 'link', 'set', ifname, 'up']);
    await ip(['-n', name, 'link', 'set', `${ifname}p`, 'up']);
    await handle.addVip();
  } catch (error) {
    await handle.remove().catch(() => {});
    throw error;
  }
  return handle;
}
