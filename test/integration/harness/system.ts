// The whole rig of a system test: nats-server on the rendered bus config (each agent signs in with its
// own credential, the observer with routerctl's read-only one), two sshd standbys, a network namespace holding the VIP
// with a real keepalived running there, the configuration file, and the four agents as child processes.
// stop() releases all of it.
import { access, mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configYaml, haLanResources, type TestResource } from '@routerd/model/testing';
import { createNetns, killQuietly, processesMentioning, startNatsServer, startSshd, waitFor, type NatsServer, type Sshd, type TestNetns } from '@routerd/testkit';
import { startKeepalived, type Keepalived } from './keepalived.js';
import { startAgent, type AgentName, type AgentProcess } from './agent-process.js';
import { IDENTITY_OF, renderBus, type RenderedBus } from './bus-auth.js';
import { observeBus, type BusObserver } from './bus-observer.js';
import { isSyncClient } from './sync-clients.js';
import { afterAll, beforeAll, expect } from 'vitest';

export const NODE = 'r1';
export const VIP = '192.0.2.1/32';
export const AGENTS: readonly AgentName[] = ['vip-watcher', 'dnsmasq-lease-watcher', 'syncer', 'dhcp-promoter'];
/** The DHCPServerPromotion the dhcp-promoter runs; its start and stop commands create and remove a flag file. */
export const PROMOTION = 'lan-dhcp';
/** dnsmasq-style lines, documentation addresses only. */
export const LEASE_A = '1795649016 02:00:00:00:30:10 192.0.2.130 cl-a 01:02:00:00:00:30:10\n';
export const LEASE_B = '1795649019 02:00:00:00:30:11 192.0.2.131 * *\n';
export const LEASE_C = '1795649022 02:00:00:00:30:12 192.0.2.132 cl-c *\n';

/** How the syncer reaches a standby other than on its sshd's loopback address; undefined keeps that. */
export type StandbyRoute = (sshd: Sshd, index: number, root: string) => Promise<RoutedStandby | undefined>;

export interface RoutedStandby {
  host: string;
  sshOptions: readonly string[];
  /** rsync options of the target; default the rig's `--timeout=10`. */
  options?: readonly string[];
  remove(): Promise<void>;
}

export interface SystemOptions {
  route?: StandbyRoute;
}

export interface Standby {
  sshd: Sshd;
  /** What the standby really has: bind-mounted over the state dir inside its sshd's mount namespace. */
  dir: string;
}

export interface SystemRig {
  root: string;
  stateDir: string;
  runtimeDir: string;
  leaseFile: string;
  configFile: string;
  validConfig: string;
  /** The promotion's start command creates this file, its stop command removes it: "the DHCP server runs". */
  dhcpServerFlag: string;
  /** Whether the flag file exists. */
  dhcpServerRunning(): Promise<boolean>;
  netns: TestNetns;
  /** The real keepalived in the namespace: a vrrp VIP is master only while it runs. */
  keepalived: Keepalived;
  nats: NatsServer;
  /** The bus config and the credentials `routerctl render nats` wrote. */
  busAuth: RenderedBus;
  standbys: Standby[];
  bus: BusObserver;
  agents: Map<AgentName, AgentProcess>;
  agent(name: AgentName): AgentProcess;
  /** Starts (or restarts) an agent exactly as its systemd unit would. */
  start(name: AgentName): AgentProcess;
  /** The environment an agent starts with, its credential (ROUTERD_NATS_CREDS) included. */
  agentEnv(name: AgentName): Record<string, string>;
  /** dnsmasq's way of writing: rewind, truncate, write, fsync, on the same inode. */
  rewriteLeases(text: string): Promise<void>;
  readStandby(i: number): Promise<string | undefined>;
  /** Waits until every standby holds exactly `text`. */
  untilStandbys(text: string, what: string, timeoutMs?: number): Promise<void>;
  /** rsync and ssh clients (ControlMasters included) of this rig still running. */
  syncClients(): Promise<string[]>;
  stop(): Promise<string[]>;
}

export async function startSystem(options: SystemOptions = {}): Promise<SystemRig> {
  // Short: the ssh ControlPath (<runtimeDir>/ssh/<40 hex>) must stay under about 100 bytes.
  const root = await mkdtemp(join(tmpdir(), 'rdsys-'));
  const stateDir = join(root, 'state');
  const runtimeDir = join(root, 'run');
  const leaseFile = join(stateDir, 'dnsmasq', 'dnsmasq.leases');
  const configFile = join(root, 'router.yaml');
  await mkdir(join(stateDir, 'dnsmasq'), { recursive: true });
  await mkdir(runtimeDir, { recursive: true });
  await writeFile(leaseFile, LEASE_A);

  const cleanups: (() => Promise<unknown>)[] = [];
  const agents = new Map<AgentName, AgentProcess>();
  const stopAll = async (): Promise<string[]> => {
    const problems: string[] = [];
    for (const agent of agents.values()) {
      agent.signal('SIGKILL');
      await agent.waitExit(5000).catch((error: unknown) => problems.push(String(error)));
    }
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => problems.push(String(error)));
    cleanups.length = 0;
    return problems;
  };

  // Cleanups run in reverse: the temp dir goes last, after every process that used it.
  cleanups.push(async () => {
    for (const left of await processesMentioning(root)) killQuietly(left.pid);
    await rm(root, { recursive: true, force: true });
  });
  try {
    const busAuth = await renderBus(NODE);
    cleanups.push(() => busAuth.remove());
    const nats = await startNatsServer({ configFile: busAuth.configFile });
    cleanups.push(() => nats.cleanup());
    const standbys: Standby[] = [];
    for (let i = 0; i < 2; i += 1) {
      const dir = join(root, `standby-${i}`);
      // A plain key, not the receiver: the standby's lease dir exists, as the receiver would make it.
      // The receiver behind sshd has its own system test (lease-receiver.test.ts).
      await mkdir(join(dir, 'dnsmasq'), { recursive: true });
      const sshd = await startSshd({ bindMounts: [{ source: dir, target: stateDir }] });
      cleanups.push(() => sshd.cleanup());
      standbys.push({ sshd, dir });
    }
    const netns = await createNetns(`rdtest-sys-${process.pid}`, 'rdsys0', VIP);
    cleanups.push(async () => {
      // `ip -n NS monitor` children of a killed vip-watcher outlive it.
      for (const orphan of await processesMentioning(netns.name)) killQuietly(orphan.pid);
      await netns.remove();
    });
    const keepalived = await startKeepalived(netns.name);
    cleanups.push(() => keepalived.cleanup());

    const dhcpServerFlag = join(root, 'dhcp-server.running');
    const targets = [];
    for (const [i, { sshd }] of standbys.entries()) {
      const routed = await options.route?.(sshd, i, root);
      if (routed !== undefined) cleanups.push(() => routed.remove());
      targets.push({ host: routed?.host ?? sshd.host, user: sshd.user, sshOptions: routed?.sshOptions ?? sshd.sshOptions, options: routed?.options ?? ['--timeout=10'] });
    }
    const promotion = { start: ['touch', dhcpServerFlag], stop: ['rm', '-f', dhcpServerFlag], check: ['test', '-e', dhcpServerFlag] };
    const validConfig = configYaml(vrrpVip(haLanResources({ ifname: netns.ifname, vip: VIP, targets, promotion })), { router: 'system-test' });
    await writeFile(configFile, validConfig);
    const bus = await observeBus(nats.url, NODE, busAuth.credential('routerctl'));
    cleanups.push(() => bus.close());

    const baseEnv = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', ROUTERD_STATE_DIR: stateDir, ROUTERD_RUNTIME_DIR: runtimeDir };
    const common = ['--config', configFile, '--nats', nats.url, '--node', NODE];
    const extra: Record<AgentName, string[]> = {
      'vip-watcher': ['--netns', netns.name, '--keepalived-pidfile', keepalived.pidFile],
      'dnsmasq-lease-watcher': [],
      syncer: [],
      'dhcp-promoter': [],
    };
    const agentEnv = (name: AgentName) => ({ ...baseEnv, ROUTERD_NATS_CREDS: busAuth.credential(IDENTITY_OF[name]) });
    const start = (name: AgentName) => {
      const running = agents.get(name);
      if (running !== undefined && !running.exited()) throw new Error(`${name} is already running (pid ${running.pid})`);
      const agent = startAgent(name, [...common, ...extra[name]], agentEnv(name));
      agents.set(name, agent);
      return agent;
    };
    const readStandby = (i: number) => readFile(join(root, `standby-${i}`, 'dnsmasq', 'dnsmasq.leases'), 'utf8').catch(() => undefined);
    const rig: SystemRig = {
      root,
      stateDir,
      runtimeDir,
      leaseFile,
      configFile,
      validConfig,
      dhcpServerFlag,
      dhcpServerRunning: () => access(dhcpServerFlag).then(() => true, () => false),
      netns,
      keepalived,
      nats,
      busAuth,
      standbys,
      bus,
      agents,
      agent(name) {
        const agent = agents.get(name);
        if (agent === undefined) throw new Error(`${name} was never started`);
        return agent;
      },
      start,
      agentEnv,
      async rewriteLeases(text) {
        const fh = await open(leaseFile, 'r+');
        try {
          await fh.truncate(0);
          await fh.write(text, 0);
          await fh.sync();
        } finally {
          await fh.close();
        }
      },
      readStandby,
      async untilStandbys(text, what, timeoutMs = 10_000) {
        for (let i = 0; i < standbys.length; i += 1) {
          await waitFor(`${what} on standby ${i}`, async () => ((await readStandby(i)) === text ? true : undefined), { timeoutMs });
        }
      },
      async syncClients() {
        return (await processesMentioning(root)).filter(isSyncClient).map((p) => `${p.pid} ${p.cmdline}`);
      },
      stop: stopAll,
    };
    for (const name of AGENTS) start(name);
    await waitFor('the syncer to answer status requests', () => bus.syncStatus(), { timeoutMs: 20_000 });
    return rig;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** lan-vip in vrrp mode, as on a real pair: the tests move the address by hand; keepalived only has to run. */
function vrrpVip(resources: TestResource[]): TestResource[] {
  return resources.map((r) =>
    r.kind === 'VirtualAddress' && typeof r.spec === 'object' ? { ...r, spec: { ...r.spec, mode: 'vrrp', vrrp: { virtualRouterID: 51, peers: ['192.0.2.3'] } } } : r,
  );
}

/**
 * The rig of one test file: started before its tests (with `firstSync`, once the lease file present
 * at start is on both standbys), handed to `use`, and stopped after them with nothing left over.
 */
export function useSystem(use: (rig: SystemRig) => void, options: { firstSync: boolean } & SystemOptions): void {
  let rig: SystemRig | undefined;
  beforeAll(async () => {
    rig = await startSystem(options);
    use(rig);
    if (options.firstSync) await rig.untilStandbys(LEASE_A, 'the lease file present at start');
  });
  afterAll(async () => {
    const problems = await rig?.stop();
    expect(problems ?? []).toEqual([]);
  });
}
