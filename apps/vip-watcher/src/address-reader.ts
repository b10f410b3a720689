// The kernel's addresses for every heartbeat from ONE long-running `ip -j -batch -`: each read writes
// `addr show` and takes the one JSON line it answers. That is a fresh netlink dump each time, as a new
// `ip -j addr show` gives, without a process per heartbeat: the spawn was most of the watcher's idle
// CPU (about 4 ms per heartbeat, `ip`'s own start 2 ms and node's spawn 1.3 ms; docs/benchmarks.md).
// A child that dies, hangs past the deadline or prints what is no answer is killed and the read fails
// (the roles read `unknown`, as when `ip` failed); the next read starts a new one. With `ip -n NAME`
// the child stays in the namespace it entered: a namespace re-created under that name since is
// noticed before each read (its inode differs from the child's) and a new child enters it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readlink, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { IP_TIMEOUT_MS, IpAddrError, parseIpAddrJson, type InterfaceAddresses } from '@routerd/agent';
import { errorMessage } from '@routerd/model';

export interface AddressReaderOptions {
  /** argv prefix of `ip`: ['ip'] or ['ip', '-n', NAME]. */
  ipCommand: readonly string[];
  /** The namespace `-n` names, whose identity is checked before each read. */
  netns?: string;
  timeoutMs?: number;
  /** Where named namespaces are mounted (`ip netns`); tests may point elsewhere. */
  netnsDir?: string;
}

export interface AddressReader {
  /** The addresses of every interface now; throws IpAddrError saying what failed. One read at a time. */
  read(): Promise<InterfaceAddresses>;
  /** How many children were started (tests, stats). */
  readonly started: number;
  /** Kills the child; a read after it starts a new one. */
  stop(): Promise<void>;
}

interface Child {
  process: ChildProcessWithoutNullStreams;
  /** The next stdout line goes to this waiter. */
  waiter: ((line: string) => void) | undefined;
  exited: Promise<string>;
  stderr: string[];
}

export function createAddressReader({ ipCommand, netns, timeoutMs = IP_TIMEOUT_MS, netnsDir = '/run/netns' }: AddressReaderOptions): AddressReader {
  const [file = '', ...prefix] = ipCommand;
  const argv = [...prefix, '-j', '-batch', '-'];
  const shown = [file, ...argv].join(' ');
  let child: Child | undefined;
  let started = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function launch(): Child {
    started += 1;
    const process = spawn(file, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    const current: Child = { process, waiter: undefined, stderr: [], exited: Promise.resolve('') };
    current.exited = new Promise<string>((resolve) => {
      process.once('error', (error) => resolve(`could not run: ${error.message}`));
      // 'close', not 'exit': its stderr has been read by then, for the message.
      process.once('close', (code, signal) => resolve(signal !== null ? `was killed by ${signal}` : `exited with code ${String(code)}`));
    }).then((why) => {
      if (child === current) child = undefined;
      const said = current.stderr.join(' ').trim();
      return said === '' ? why : `${why}: ${said.slice(0, 200)}`;
    });
    // A write into a child that is gone fails here; its exit reports it.
    process.stdin.on('error', () => undefined);
    createInterface({ input: process.stdout }).on('line', (line) => {
      const waiter = current.waiter;
      current.waiter = undefined;
      waiter?.(line);
    });
    createInterface({ input: process.stderr }).on('line', (line) => {
      current.stderr.push(line);
      if (current.stderr.length > 5) current.stderr.shift();
    });
    return current;
  }

  async function kill(current: Child): Promise<void> {
    if (child === current) child = undefined;
    current.process.kill('SIGKILL');
    await current.exited;
  }

  /** Whether `current` is still in the namespace NAME names now; a gone namespace throws, as `ip -n` would fail. */
  async function sameNamespace(current: Child): Promise<boolean> {
    if (netns === undefined || current.process.pid === undefined) return true;
    let inode: number;
    try {
      inode = (await stat(`${netnsDir}/${netns}`)).ino;
    } catch (error) {
      throw new IpAddrError(`${shown}: the network namespace ${netns} cannot be read: ${errorMessage(error)}`, { cause: error });
    }
    const entered = await readlink(`/proc/${current.process.pid}/ns/net`).catch(() => '');
    return entered === `net:[${inode}]`;
  }

  async function readOnce(): Promise<InterfaceAddresses> {
    let current = child;
    if (current !== undefined && !(await sameNamespace(current))) {
      await kill(current);
      current = undefined;
    }
    if (current === undefined) {
      current = launch();
      child = current;
    }
    const answering = current;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      new Promise<{ line: string }>((resolve) => {
        answering.waiter = (line) => resolve({ line });
        answering.process.stdin.write('addr show\n');
      }),
      answering.exited.then((why) => ({ failed: why })),
      new Promise<{ failed: string }>((resolve) => {
        timer = setTimeout(() => resolve({ failed: `did not answer within ${timeoutMs} ms` }), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if ('failed' in outcome) {
      // A late answer must never pass for the next read's: this child is done.
      await kill(answering);
      throw new IpAddrError(`${shown} ${outcome.failed}`);
    }
    try {
      return parseIpAddrJson(outcome.line);
    } catch (error) {
      // Out of step with its answers, or not ip: a new child for the next read.
      await kill(answering);
      throw error;
    }
  }

  return {
    read() {
      const next = queue.then(readOnce, readOnce);
      queue = next.catch(() => undefined);
      return next;
    },
    get started() {
      return started;
    },
    async stop() {
      const current = child;
      if (current !== undefined) await kill(current);
    },
  };
}
