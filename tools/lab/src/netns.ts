// Namespaces, the LAN bridge and veth pairs; no link to the host network.
import { ip, listNetns } from '@routerd/testkit';
import { BRIDGE, CLIENTS, DEFAULT_CLIENT_COUNT, LAN_NS, PREFIX_V4, PREFIX_V6, ROUTER_IDS, ROUTERS } from './topology.js';

export function listLabNamespaces(): Promise<string[]> {
  return listNetns('rdlab-');
}

async function sysctl(ns: string, key: string, value: string): Promise<void> {
  await ip(['netns', 'exec', ns, 'sysctl', '-q', '-w', `${key}=${value}`]);
}

/** Creates every namespace and link, with clients c1..c<clients>; calls onNamespace before using each, so `down` knows it. */
export async function createTopology(onNamespace: (ns: string) => Promise<void>, clients = DEFAULT_CLIENT_COUNT): Promise<void> {
  const add = async (ns: string) => {
    await onNamespace(ns);
    await ip(['netns', 'add', ns]);
    await ip(['-n', ns, 'link', 'set', 'lo', 'up']);
  };
  await add(LAN_NS);
  await ip(['-n', LAN_NS, 'link', 'add', BRIDGE, 'type', 'bridge', 'mcast_snooping', '0']);
  await ip(['-n', LAN_NS, 'link', 'set', BRIDGE, 'up']);
  for (const id of ROUTER_IDS) {
    const r = ROUTERS[id];
    await add(r.ns);
    await ip(['-n', LAN_NS, 'link', 'add', id, 'type', 'veth', 'peer', 'name', 'eth1', 'netns', r.ns]);
    await ip(['-n', LAN_NS, 'link', 'set', id, 'master', BRIDGE, 'up']);
    await sysctl(r.ns, 'net.ipv6.conf.eth1.accept_dad', '0');
    await ip(['-n', r.ns, 'addr', 'add', `${r.v4}/${PREFIX_V4}`, 'dev', 'eth1']);
    await ip(['-n', r.ns, 'addr', 'add', `${r.v6}/${PREFIX_V6}`, 'dev', 'eth1', 'nodad']);
    await ip(['-n', r.ns, 'link', 'set', 'eth1', 'up']);
  }
  for (const c of CLIENTS.slice(0, clients)) {
    await add(c.ns);
    await ip(['-n', LAN_NS, 'link', 'add', c.id, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', c.ns]);
    await ip(['-n', LAN_NS, 'link', 'set', c.id, 'master', BRIDGE, 'up']);
    await ip(['-n', c.ns, 'link', 'set', 'eth0', 'address', c.mac]);
    await sysctl(c.ns, 'net.ipv6.conf.eth0.accept_dad', '0');
    await ip(['-n', c.ns, 'link', 'set', 'eth0', 'up']);
  }
}

/** The bridge-side end of a router's or client's link: down cuts it, up restores it. */
export async function setLanPort(id: string, state: 'up' | 'down'): Promise<void> {
  await ip(['-n', LAN_NS, 'link', 'set', id, state]);
}
