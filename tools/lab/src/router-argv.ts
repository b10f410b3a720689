// What each router runs: the systemd units' ExecStart with the lab's paths (pure, so it is tested).
import { agentNodeArgs } from '@routerd/agent/defaults';
import { RUNTIME_DIR, routerDirs, type RouterSpec } from './topology.js';
import type { PromotionArgv } from './configs.js';

export interface ProcessSpec {
  name: string;
  argv: string[];
  env: Record<string, string>;
}

export interface ArgvContext {
  repo: string;
  /** The node binary (the units' /usr/bin/node). */
  node: string;
}

export const DNSMASQ_PIDFILE = `${RUNTIME_DIR}/dnsmasq.pid`;
export const KEEPALIVED_PIDFILE = `${RUNTIME_DIR}/keepalived.pid`;
export const NOTIFY_FIFO = `${RUNTIME_DIR}/keepalived.fifo`;

/** Enters the router's mount namespace (its own /var/lib/routerd, /run/routerd, /etc/hosts) and netns. */
export function inRouter(holderPid: number, router: RouterSpec, argv: readonly string[]): string[] {
  return ['nsenter', `--mount=/proc/${holderPid}/ns/mnt`, `--net=/run/netns/${router.ns}`, '--', ...argv];
}

export function inClient(ns: string, argv: readonly string[]): string[] {
  return ['nsenter', `--net=/run/netns/${ns}`, '--', ...argv];
}

/** The bus identities of the router's agents (@routerd/bus BUS_IDENTITIES); routerctl has its own. */
export type AgentIdentity = 'vip-watcher' | 'lease-watcher' | 'syncer' | 'dhcp-promoter' | 'metrics-exporter';

/** Where each router's metrics exporter answers GET /metrics, inside the router's network namespace. */
export const METRICS_LISTEN = '127.0.0.1:9464';

/** Where `routerctl render nats --creds-dir` writes the router's credentials (the units' /usr/local/etc/routerd/nats). */
export function natsCredsDir(router: RouterSpec): string {
  return `${routerDirs(router.id).etc}/nats`;
}

/** One identity's nkey seed file on the router. */
export function natsCredential(router: RouterSpec, identity: AgentIdentity | 'routerctl'): string {
  return `${natsCredsDir(router)}/${identity}.nk`;
}

/** The router's bus configuration and credentials, rendered as docs/operations.md says (the config on stdout). */
export function renderNatsArgv(router: RouterSpec, ctx: ArgvContext): string[] {
  return [ctx.node, `${ctx.repo}/apps/routerctl/dist/main.js`, 'render', 'nats', '--creds-dir', natsCredsDir(router), '--node', router.node];
}

function agentEnv(router: RouterSpec, identity: AgentIdentity): Record<string, string> {
  // The units hand the seed over with LoadCredential; the lab (root, like the render) names the file itself.
  return { ROUTERD_NODE: router.node, ROUTERD_NATS_CREDS: natsCredential(router, identity) };
}

export function natsServer(router: RouterSpec): ProcessSpec {
  return { name: 'nats-server', argv: ['nats-server', '-c', `${routerDirs(router.id).etc}/nats-server.conf`], env: {} };
}

export function sshd(router: RouterSpec): ProcessSpec {
  return { name: 'sshd', argv: ['/usr/sbin/sshd', '-D', '-e', '-f', `${routerDirs(router.id).etc}/sshd_config`], env: {} };
}

export function keepalived(router: RouterSpec): ProcessSpec {
  const etc = routerDirs(router.id).etc;
  return {
    name: 'keepalived',
    argv: ['keepalived', '--dont-fork', '--log-console', '--vrrp', '--use-file', `${etc}/keepalived.conf`, '--pid', KEEPALIVED_PIDFILE, '--vrrp_pid', `${RUNTIME_DIR}/keepalived-vrrp.pid`],
    env: {},
  };
}

export function agents(router: RouterSpec, ctx: ArgvContext, options: { sync: boolean; promoter: boolean }): ProcessSpec[] {
  const config = `${routerDirs(router.id).etc}/router.yaml`;
  // node's options as the package's launcher of that bin passes them (agentNodeArgs), then the built app.
  const app = (name: string, bin: string) => [ctx.node, ...agentNodeArgs(bin), `${ctx.repo}/apps/${name}/dist/main.js`];
  const list: ProcessSpec[] = [
    { name: 'vip-watcher', argv: [...app('vip-watcher', 'routerd-vip-watcher'), '--config', config, '--notify-fifo', NOTIFY_FIFO], env: { ...agentEnv(router, 'vip-watcher'), ROUTERD_KEEPALIVED_PIDFILE: KEEPALIVED_PIDFILE } },
    { name: 'lease-watcher', argv: [...app('dnsmasq-lease-watcher', 'routerd-lease-watcher'), '--config', config], env: agentEnv(router, 'lease-watcher') },
  ];
  if (options.sync) list.push({ name: 'syncer', argv: [...app('syncer', 'routerd-syncer'), '--config', config], env: agentEnv(router, 'syncer') });
  if (options.promoter) list.push({ name: 'dhcp-promoter', argv: [...app('dhcp-promoter', 'routerd-dhcp-promoter'), '--config', config], env: agentEnv(router, 'dhcp-promoter') });
  list.push({ name: 'metrics-exporter', argv: [...app('metrics-exporter', 'routerd-metrics-exporter'), '--config', config, '--listen', METRICS_LISTEN], env: agentEnv(router, 'metrics-exporter') });
  return list;
}

/** dnsmasq as the promoter (or the lab driver standing in for it) starts, stops and checks it. */
export function dnsmasqCommands(router: RouterSpec): PromotionArgv {
  return {
    start: ['dnsmasq', `--conf-file=${routerDirs(router.id).etc}/dnsmasq.conf`, `--pid-file=${DNSMASQ_PIDFILE}`, `--log-facility=${routerDirs(router.id).log}/dnsmasq.log`, '--log-dhcp'],
    // TERM, then up to 5 s for it to exit (KILL after), so a start right after it can bind the DHCP port;
    // exit 0 when it was not running. No Node start on the demoted router's way to its handback.
    stop: ['start-stop-daemon', '--stop', '--oknodo', '--retry', 'TERM/5/KILL/1', '--pidfile', DNSMASQ_PIDFILE, '--exec', '/usr/sbin/dnsmasq'],
    // Running or sleeping only: a killed dnsmasq can stay a zombie until its reaper gets to it.
    check: ['pgrep', '--pidfile', DNSMASQ_PIDFILE, '--exact', '--runstates', 'R,S,D', 'dnsmasq'],
    logs: ['tail', '-n', '20', `${routerDirs(router.id).log}/dnsmasq.log`],
  };
}
