// Namespaces, the LAN bridge and veth pairs; no link to the host network.
import { run } from './exec.js';
import { BRIDGE, CLIENTS, LAN_NS, PREFIX_V4, PREFIX_V6, ROUTER_IDS, ROUTERS } from './topology.js';

export async function listLabNamespaces(): Promise<string[]> {
  const { stdout } = await run(['ip', 'netns', 'list']);
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith('rdlab-'));
}

async function sysctl(ns: string, key: string, value: string): Promise<void> {
  await run(['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', `${key}=${value}`]);
}

/** Creates every namespace and link; calls onNamespace before using each, so `down` knows it. */
export async function createTopology(onNamespace: (ns: string) => Promise<void>): Promise<void> {
  const add = async (ns: string) => {
    await onNamespace(ns);
    await run(['ip', 'netns', 'add', ns]);
    await run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
  };
  await add(LAN_NS);
  await run(['ip', '-n', LAN_NS, 'link', 'add', BRIDGE, 'type', 'bridge', 'mcast_snooping', '0']);
  await run(['ip', '-n', LAN_NS, 'link', 'set', BRIDGE, 'up']);
  for (const id of ROUTER_IDS) {
    const r = ROUTERS[id];
    await add(r.ns);
    await run(['ip', '-n', LAN_NS, 'link', 'add', id, 'type', 'veth', 'peer', 'name', 'eth1', 'netns', r.ns]);
    await run(['ip', '-n', LAN_NS, 'link', 'set', id, 'master', BRIDGE, 'up']);
    await sysctl(r.ns, 'net.ipv6.conf.eth1.accept_dad', '0');
    await run(['ip', '-n', r.ns, 'addr', 'add', `${r.v4}/${PREFIX_V4}`, 'dev', 'eth1']);
    await run(['ip', '-n', r.ns, 'addr', 'add', `${r.v6}/${PREFIX_V6}`, 'dev', 'eth1', 'nodad']);
    await run(['ip', '-n', r.ns, 'link', 'set', 'eth1', 'up']);
  }
  for (const c of CLIENTS) {
    await add(c.ns);
    await run(['ip', '-n', LAN_NS, 'link', 'add', c.id, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', c.ns]);
    await run(['ip', '-n', LAN_NS, 'link', 'set', c.id, 'master', BRIDGE, 'up']);
    await run(['ip', '-n', c.ns, 'link', 'set', 'eth0', 'address', c.mac]);
    await sysctl(c.ns, 'net.ipv6.conf.eth0.accept_dad', '0');
    await run(['ip', '-n', c.ns, 'link', 'set', 'eth0', 'up']);
  }
}

/** The bridge-side end of a router's or client's link: down cuts it, up restores it. */
export async function setLanPort(id: string, state: 'up' | 'down'): Promise<void> {
  await run(['ip', '-n', LAN_NS, 'link', 'set', id, state]);
}

export async function namespacePids(ns: string): Promise<number[]> {
  const { stdout, exitCode } = await run(['ip', 'netns', 'pids', ns], { check: false });
  if (exitCode !== 0) return [];
  return stdout
    .split('\n')
    .filter((line) => /^\d+$/.test(line.trim()))
    .map(Number);
}

export async function deleteNamespace(ns: string): Promise<void> {
  await run(['ip', 'netns', 'del', ns], { check: false });
}

/** Does the interface in this namespace hold the address (as CIDR, e.g. 192.0.2.1/32)? */
export async function hasAddress(ns: string, ifname: string, cidr: string): Promise<boolean> {
  const { stdout, exitCode } = await run(['ip', '-n', ns, '-o', 'addr', 'show', 'dev', ifname], { check: false });
  return exitCode === 0 && stdout.split('\n').some((line) => line.includes(` ${cidr} `));
}
