// Kea DHCPv4 hot-standby on the lab's two routers (Debian 12's Kea 2.2): kea-dhcp4 with the HA and
// lease_cmds hooks, and kea-ctrl-agent, through which Kea 2.2's HA peers talk. Pure, so it is tested.
import { routerDirs, ROUTERS, type RouterId } from '../topology.js';

export const KEA_HOOKS_DIR = '/usr/lib/x86_64-linux-gnu/kea/hooks';
export const KEA_CA_PORT = 8000;
/** The example's DHCPv4Server: the same pool, gateway, DNS and lease time that dnsmasq serves. */
export const KEA_POOL = { start: '192.0.2.100', end: '192.0.2.199' };
export const KEA_VALID_LIFETIME_S = 12 * 3600;

/** The primary serves; the standby serves only once it has declared the primary down. */
export const KEA_ROLES: Readonly<Record<RouterId, 'primary' | 'standby'>> = { r1: 'primary', r2: 'standby' };

/**
 * HA timing, matched to the lab's keepalived (advert_int 1 s, master down after about 3 adverts):
 * a heartbeat every second and the partner declared down 3 s after the last answer. max-unacked-clients 0
 * makes the standby go partner-down on the heartbeat alone (Kea's defaults are 10 s and 60 s).
 */
export const KEA_HA_TIMING = { heartbeatDelayMs: 1_000, maxResponseDelayMs: 3_000, maxAckDelayMs: 1_000, maxUnackedClients: 0 };

export interface KeaPaths {
  etc: string;
  run: string;
  state: string;
  dhcp4Config: string;
  agentConfig: string;
  controlSocket: string;
  leaseFile: string;
}

export function keaPaths(id: RouterId): KeaPaths {
  const d = routerDirs(id);
  const run = `${d.run}/kea`;
  const etc = `${d.etc}/kea`;
  const state = `${d.state}/kea`;
  return { etc, run, state, dhcp4Config: `${etc}/kea-dhcp4.conf`, agentConfig: `${etc}/kea-ctrl-agent.conf`, controlSocket: `${run}/kea4-ctrl-socket`, leaseFile: `${state}/kea-leases4.csv` };
}

export function keaPeerUrl(id: RouterId): string {
  return `http://${ROUTERS[id].v4}:${KEA_CA_PORT}/`;
}

const stdoutLoggers = (name: string) => [{ name, output_options: [{ output: 'stdout' }], severity: 'INFO' }];

/** What a run may change (the nemesis: short leases and a small pool, as it gives dnsmasq). */
export interface KeaProfile {
  /** false: one kea-dhcp4 without the HA hook (the control for what HA costs in leases/s). */
  ha?: boolean;
  validLifetimeS?: number;
  pool?: { start: string; end: string };
}

function haHook(id: RouterId): object {
  const peers = (['r1', 'r2'] as const).map((peer) => ({ name: ROUTERS[peer].node, url: keaPeerUrl(peer), role: KEA_ROLES[peer], 'auto-failover': true }));
  const ha = {
    'this-server-name': ROUTERS[id].node,
    mode: 'hot-standby',
    'heartbeat-delay': KEA_HA_TIMING.heartbeatDelayMs,
    'max-response-delay': KEA_HA_TIMING.maxResponseDelayMs,
    'max-ack-delay': KEA_HA_TIMING.maxAckDelayMs,
    'max-unacked-clients': KEA_HA_TIMING.maxUnackedClients,
    peers,
  };
  return { library: `${KEA_HOOKS_DIR}/libdhcp_ha.so`, parameters: { 'high-availability': [ha] } };
}

export function keaDhcp4Config(id: RouterId, profile: KeaProfile = {}): object {
  const p = keaPaths(id);
  const pool = profile.pool ?? KEA_POOL;
  return {
    Dhcp4: {
      'interfaces-config': { interfaces: ['eth1'] },
      'control-socket': { 'socket-type': 'unix', 'socket-name': p.controlSocket },
      // lfc-interval 0: no lease-file cleanup process during a run (dnsmasq rewrites its file instead).
      'lease-database': { type: 'memfile', persist: true, name: p.leaseFile, 'lfc-interval': 0 },
      'valid-lifetime': profile.validLifetimeS ?? KEA_VALID_LIFETIME_S,
      'hooks-libraries': [
        // lease_cmds: a restarted peer pulls the leases from its partner (the HA "syncing" state).
        { library: `${KEA_HOOKS_DIR}/libdhcp_lease_cmds.so` },
        ...(profile.ha === false ? [] : [haHook(id)]),
      ],
      subnet4: [
        {
          id: 1,
          subnet: '192.0.2.0/24',
          pools: [{ pool: `${pool.start} - ${pool.end}` }],
          'option-data': [
            { name: 'routers', data: '192.0.2.1' },
            { name: 'domain-name-servers', data: '192.0.2.1' },
          ],
        },
      ],
      loggers: stdoutLoggers('kea-dhcp4'),
    },
  };
}

export function keaCtrlAgentConfig(id: RouterId): object {
  return {
    'Control-agent': {
      'http-host': ROUTERS[id].v4,
      'http-port': KEA_CA_PORT,
      'control-sockets': { dhcp4: { 'socket-type': 'unix', 'socket-name': keaPaths(id).controlSocket } },
      loggers: stdoutLoggers('kea-ctrl-agent'),
    },
  };
}

/** The daemons' environment: pid files in the router's run dir, no lock file (Kea's defaults are under /run/kea). */
export function keaEnv(id: RouterId): Record<string, string> {
  return { KEA_PIDFILE_DIR: keaPaths(id).run, KEA_LOCKFILE_DIR: 'none' };
}
