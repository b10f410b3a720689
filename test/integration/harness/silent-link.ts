// A standby reachable only over a veth into a network namespace, so its link can be cut the way a
// pulled cable or a power loss cuts it: `ip link set … down` on the standby's side, no RST, no FIN.
// The standby's sshd keeps listening on loopback; a relay inside the namespace accepts on the
// link's far address and hands each connection over a unix socket (not bound to a namespace) to a
// relay in this process that connects to sshd. When the link is down, nothing reaches the relay.
import { readFile, writeFile } from 'node:fs/promises';
import { createConnection, createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { ip, startProcess, stopProcess, waitFor, type Sshd } from '@routerd/testkit';

export interface SilentLink {
  /** The standby's address across the link (203.0.113.0/24, documentation). */
  readonly host: string;
  readonly port: number;
  /** The sshd's client options, with a known_hosts entry for host:port. */
  readonly sshOptions: readonly string[];
  readonly netns: string;
  /** Cuts the link on the standby's side: packets are dropped, nothing answers. */
  down(): Promise<void>;
  up(): Promise<void>;
  remove(): Promise<void>;
}

// Runs inside the namespace: node -e RELAY <address> <port> <unix socket>.
const RELAY = `
const net = require('node:net');
const [, address, port, socketPath] = process.argv;
net.createServer((client) => {
  const upstream = net.connect(socketPath);
  const end = () => { client.destroy(); upstream.destroy(); };
  client.pipe(upstream).pipe(client);
  for (const s of [client, upstream]) { s.on('error', end); s.on('close', end); }
}).listen(Number(port), address);
`;

/** Both ends of a pipe close together, whichever ends first. */
function splice(a: Socket, b: Socket): void {
  const end = () => {
    a.destroy();
    b.destroy();
  };
  a.pipe(b).pipe(a);
  for (const s of [a, b]) {
    s.on('error', end);
    s.on('close', end);
  }
}

async function sshBanner(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port, timeout: 1000 });
    const done = (value: string | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.once('data', (data) => done(data.toString('utf8')));
    socket.once('timeout', () => done(undefined));
    socket.once('error', () => done(undefined));
  });
}

/** Puts `sshd` behind a veth link named after `tag` (unique per test process); `dir` holds the socket and known_hosts. */
export async function linkToStandby(sshd: Sshd, tag: string, dir: string): Promise<SilentLink> {
  const netns = `rdsl-${tag}-${process.pid}`;
  const hostEnd = `sl${process.pid}h`;
  const standbyEnd = `sl${process.pid}s`;
  // A /30 of 203.0.113.0/24 picked by pid, so two test processes are unlikely to share one.
  const base = 4 * (process.pid % 63);
  const near = `203.0.113.${base + 1}`;
  const far = `203.0.113.${base + 2}`;
  const socketPath = join(dir, 'standby-link.sock');
  const cleanups: (() => Promise<unknown>)[] = [];
  const remove = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    await ip(['netns', 'add', netns]);
    // Deleting the namespace deletes its veth end, and with it ours.
    cleanups.push(() => ip(['netns', 'del', netns]));
    await ip(['link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', standbyEnd, 'netns', netns]);
    // Sockets of a cut link keep the namespace alive after `netns del`, and our end with it: delete it.
    cleanups.push(() => ip(['link', 'del', hostEnd]));
    await ip(['addr', 'add', `${near}/30`, 'dev', hostEnd]);
    await ip(['link', 'set', hostEnd, 'up']);
    await ip(['-n', netns, 'addr', 'add', `${far}/30`, 'dev', standbyEnd]);
    await ip(['-n', netns, 'link', 'set', standbyEnd, 'up']);
    await ip(['-n', netns, 'link', 'set', 'lo', 'up']);

    const local: Server = createServer((conn) => splice(conn, createConnection({ host: '127.0.0.1', port: sshd.port })));
    await new Promise<void>((resolve, reject) => local.once('error', reject).listen(socketPath, resolve));
    cleanups.push(() => new Promise((resolve) => local.close(resolve)));
    const relay = startProcess('link relay', ['ip', 'netns', 'exec', netns, process.execPath, '-e', RELAY, far, String(sshd.port), socketPath]);
    cleanups.push(() => stopProcess(relay, 1000));
    await waitFor(`sshd's banner on ${far}:${sshd.port} across the link`, async () => ((await sshBanner(far, sshd.port))?.startsWith('SSH-2.0-') ? true : undefined), { timeoutMs: 10_000 });

    const knownHosts = join(dir, 'standby-link.known_hosts');
    const entry = (await readFile(sshd.knownHostsFile, 'utf8')).replaceAll(`[127.0.0.1]:${sshd.port}`, `[${far}]:${sshd.port}`);
    await writeFile(knownHosts, entry);
    const sshOptions = sshd.sshOptions.map((option) => (option.startsWith('UserKnownHostsFile=') ? `UserKnownHostsFile=${knownHosts}` : option));
    return {
      host: far,
      port: sshd.port,
      sshOptions,
      netns,
      down: async () => void (await ip(['-n', netns, 'link', 'set', standbyEnd, 'down'])),
      up: async () => void (await ip(['-n', netns, 'link', 'set', standbyEnd, 'up'])),
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
