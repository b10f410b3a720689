// The lab's fixed layout: documentation addresses only, no link to the host network.

export const LAB_DIR = '/run/rdlab';
export const STATE_FILE = `${LAB_DIR}/state.json`;
export const LAN_NS = 'rdlab-lan';
export const BRIDGE = 'br0';
export const VIP = '192.0.2.1';
export const PREFIX_V4 = 24;
export const PREFIX_V6 = 64;
/** The production paths each router sees through its own bind mounts. */
export const STATE_DIR = '/var/lib/routerd';
export const RUNTIME_DIR = '/run/routerd';
export const LEASE_FILE = `${STATE_DIR}/dnsmasq/dnsmasq.leases`;
export const LAB_USER = 'routerd';

export type RouterId = 'r1' | 'r2';

export interface RouterSpec {
  id: RouterId;
  ns: string;
  node: string;
  /** The example this router's configuration is adapted from. */
  example: string;
  v4: string;
  v6: string;
  /** The name the peer's configuration uses for this router. */
  hostName: string;
  peer: RouterId;
}

export const ROUTERS: Readonly<Record<RouterId, RouterSpec>> = {
  r1: { id: 'r1', ns: 'rdlab-r1', node: 'router-a', example: 'examples/dhcp-lease-sync-ha.yaml', v4: '192.0.2.2', v6: '2001:db8:30::2', hostName: 'routerd-active.lan.example', peer: 'r2' },
  r2: { id: 'r2', ns: 'rdlab-r2', node: 'router-b', example: 'examples/dhcp-lease-sync-ha-standby.yaml', v4: '192.0.2.3', v6: '2001:db8:30::3', hostName: 'routerd-standby.lan.example', peer: 'r1' },
};
export const ROUTER_IDS: readonly RouterId[] = ['r1', 'r2'];

export interface ClientSpec {
  id: string;
  ns: string;
  mac: string;
}

/** The MAC of client n: 02:00:00:00:30:11 for c1, up to :1c for c12 (the last byte is 0x10 + n). */
export function clientMac(n: number): string {
  return `02:00:00:00:30:${(0x10 + n).toString(16)}`;
}

/** Every client the lab may create: `up` makes the first DEFAULT_CLIENT_COUNT, the nemesis all of them. */
export const MAX_CLIENTS = 12;
export const DEFAULT_CLIENT_COUNT = 5;
export const CLIENTS: readonly ClientSpec[] = Array.from({ length: MAX_CLIENTS }, (_, i) => i + 1).map((n) => ({ id: `c${n}`, ns: `rdlab-c${n}`, mac: clientMac(n) }));

export function clientSpec(id: string): ClientSpec {
  const found = CLIENTS.find((c) => c.id === id);
  if (found === undefined) throw new RangeError(`lab client: expected one of ${CLIENTS.map((c) => c.id).join(', ')}, found ${JSON.stringify(id)}`);
  return found;
}

/** Every namespace the lab may create, for `down`. */
export const ALL_NAMESPACES: readonly string[] = [LAN_NS, ...ROUTER_IDS.map((id) => ROUTERS[id].ns), ...CLIENTS.map((c) => c.ns)];

/** Per-router folders on the host, bind-mounted over the production paths inside the router. */
export function routerDirs(id: RouterId) {
  const base = `${LAB_DIR}/${id}`;
  return { base, state: `${base}/state`, run: `${base}/run`, etc: `${base}/etc`, log: `${base}/log`, hosts: `${base}/etc/hosts` };
}

export function clientDir(id: string): string {
  return `${LAB_DIR}/${id}`;
}
