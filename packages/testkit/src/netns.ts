// Network namespaces for tests, the bench and the lab, driven with `ip`; documentation addresses only.
// A test namespace holds a veth pair (this kernel has no dummy links) whose one end carries the address.
import { execa } from 'execa';

export class NetnsError extends Error {
  override readonly name = 'NetnsError';
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
// 14, not 15: the peer is named <ifname>p.
const IFNAME = /^[A-Za-z0-9_.-]{1,14}$/;

/** Runs `ip ARGS` (10 s deadline); its stdout, or a NetnsError with the command and its stderr. */
export async function ip(args: readonly string[]): Promise<string> {
  const result = await execa('ip', args, { timeout: 10_000, reject: false, stdin: 'ignore' });
  if (result.exitCode === 0) return String(result.stdout);
  const why = String(result.stderr).trim() || (result.exitCode === undefined ? 'could not run' : `exited with ${result.exitCode}`);
  throw new NetnsError(`ip ${args.join(' ')} failed: ${why}`, { cause: result });
}

export interface TestNetns {
  readonly name: string;
  /** The veth end that carries the address. */
  readonly ifname: string;
  readonly address: string;
  addAddress(): Promise<void>;
  delAddress(): Promise<void>;
  /** `ip netns del`; safe to call twice. */
  remove(): Promise<void>;
}

/** Creates namespace `name` with veth `ifname` (peer `<ifname>p`) up, and `address` (CIDR) on `ifname`. */
export async function createNetns(name: string, ifname: string, address: string): Promise<TestNetns> {
  if (!NAME.test(name)) throw new NetnsError(`netns name: expected letters, digits, "_", "." or "-", found ${JSON.stringify(name)}`);
  if (!IFNAME.test(ifname)) throw new NetnsError(`ifname: expected at most 14 characters of letters, digits, "_", "." or "-", found ${JSON.stringify(ifname)}`);
  await ip(['netns', 'add', name]);
  let removed = false;
  const handle: TestNetns = {
    name,
    ifname,
    address,
    addAddress: async () => void (await ip(['-n', name, 'addr', 'add', address, 'dev', ifname])),
    delAddress: async () => void (await ip(['-n', name, 'addr', 'del', address, 'dev', ifname])),
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
    await handle.addAddress();
  } catch (error) {
    await handle.remove().catch(() => undefined);
    throw error;
  }
  return handle;
}

/** The namespaces whose name starts with `prefix`. */
export async function listNetns(prefix: string): Promise<string[]> {
  return (await ip(['netns', 'list']))
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name !== '' && name.startsWith(prefix));
}

/** The processes in a namespace; none when it does not exist. */
export async function netnsPids(ns: string): Promise<number[]> {
  const text = await ip(['netns', 'pids', ns]).catch(() => '');
  return text
    .split('\n')
    .filter((line) => /^\d+$/.test(line.trim()))
    .map(Number);
}

/** `ip netns del`, quiet when it is already gone. */
export async function deleteNetns(ns: string): Promise<void> {
  await ip(['netns', 'del', ns]).catch(() => undefined);
}

/** Does the interface in this namespace hold the address (CIDR, e.g. 192.0.2.1/32)? */
export async function hasAddress(ns: string, ifname: string, cidr: string): Promise<boolean> {
  const text = await ip(['-n', ns, '-o', 'addr', 'show', 'dev', ifname]).catch(() => undefined);
  return text !== undefined && text.split('\n').some((line) => line.includes(` ${cidr} `));
}
