// up, down, status: the lab's life cycle. Every PID and namespace is recorded before it is used.
import { access, chown, mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { deleteNetns, isAlive, netnsPids, notYet, sleep, startProcess, stopPid, waitFor } from '@routerd/testkit';
import { hostsFile, LAB_SSH_OPTIONS, labRouterConfig, sshdConfig, type LabDhcpProfile } from './configs.js';
import { LabError } from './errors.js';
import { run } from './exec.js';
import { buildReceiverLauncher } from './receiver-bundle.js';
import { dnsmasqPid, leaseFile, vipHolders } from './lab-view.js';
import type { Narrator } from './narrator.js';
import { createTopology, listLabNamespaces } from './netns.js';
import { PROMOTER_MAIN, RECEIVER_MAIN, REPO_ROOT, ROUTERCTL_MAIN } from './paths.js';
import { agents, dnsmasqCommands, inRouter, keepalived, natsServer, renderNatsArgv, sshd, type ProcessSpec } from './router-argv.js';
import { hostKeyPath, installReceiverKeys, prepareSshKeys } from './ssh-keys.js';
import { readLabState, writeLabState, type LabState } from './state-file.js';
import { ALL_NAMESPACES, DEFAULT_CLIENT_COUNT, LAB_DIR, MAX_CLIENTS, LAB_USER, ROUTER_IDS, ROUTERS, routerDirs, RUNTIME_DIR, STATE_DIR, STATE_FILE, type RouterId } from './topology.js';

export interface UpOptions {
  sync: boolean;
  narrator: Narrator;
  /** Clients c1..cN (default 5, at most MAX_CLIENTS). */
  clients?: number;
  /** Changes to the examples' DHCP service and lease syncs (the nemesis's short leases and small pool). */
  profile?: LabDhcpProfile;
}

export interface UpResult {
  durationMs: number;
  firstMasterMs: number;
  promotion: LabState['promotion'];
  sync: boolean;
}

const TOOLS = ['ip', 'nsenter', 'unshare', 'nats-server', 'keepalived', 'dnsmasq', 'rsync', 'ssh', 'ssh-keygen', 'udhcpc', 'dhclient', 'pgrep'];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function preflight(): Promise<void> {
  if (process.getuid?.() !== 0) throw new LabError('lab: expected to run as root (namespaces, mounts, keepalived), found uid ' + String(process.getuid?.()));
  const missing: string[] = [];
  for (const tool of TOOLS) if ((await run(['which', tool], { check: false })).exitCode !== 0) missing.push(tool);
  if (!(await exists('/usr/sbin/sshd'))) missing.push('/usr/sbin/sshd');
  if (missing.length > 0) throw new LabError(`lab: expected these programs on PATH, missing: ${missing.join(', ')} (run tools/setup.sh)`);
  for (const app of ['vip-watcher', 'dnsmasq-lease-watcher', 'syncer', 'metrics-exporter', 'routerctl']) {
    const main = `${REPO_ROOT}/apps/${app}/dist/main.js`;
    if (!(await exists(main))) throw new LabError(`lab: expected the built agent ${main}, found none (run npm run build)`);
  }
}

async function labUser(): Promise<{ uid: number; gid: number }> {
  if ((await run(['id', '-u', LAB_USER], { check: false })).exitCode !== 0) {
    await run(['useradd', '--system', '--home-dir', STATE_DIR, '--no-create-home', '--shell', '/bin/sh', LAB_USER]);
  }
  // A locked '!' password is refused by sshd without PAM; '*' allows key logins only.
  await run(['usermod', '-p', '*', LAB_USER]);
  const uid = Number((await run(['id', '-u', LAB_USER])).stdout.trim());
  const gid = Number((await run(['id', '-g', LAB_USER])).stdout.trim());
  return { uid, gid };
}

class Recorder {
  constructor(readonly state: LabState) {}
  save(): Promise<void> {
    return writeLabState(STATE_FILE, this.state);
  }
  async start(spec: ProcessSpec, router: RouterId | undefined, argv: string[], logFile?: string): Promise<number> {
    const log = logFile ?? (router === undefined ? `${LAB_DIR}/${spec.name}.log` : `${routerDirs(router).log}/${spec.name}.log`);
    const pid = startProcess(spec.name, argv, { logFile: log, env: { ...process.env, ...spec.env }, outlive: true }).pid;
    this.state.processes.push({ name: spec.name, pid, ...(router === undefined ? {} : { router }), argv, log });
    await this.save();
    return pid;
  }
}

/** Starts a process (argv as given, e.g. already inside a namespace) after recording it in the lab state, so `down` ends it. */
export function startRecorded(state: LabState, spec: ProcessSpec, options: { router?: RouterId; logFile?: string } = {}): Promise<number> {
  return new Recorder(state).start(spec, options.router, spec.argv, options.logFile);
}

/** What a router runs besides keepalived, in the order its units start: nats-server, sshd, then the agents. */
export function routerServices(id: RouterId, options: { sync: boolean; promoter: boolean }): ProcessSpec[] {
  const ctx = { repo: REPO_ROOT, node: process.execPath };
  return [natsServer(ROUTERS[id]), sshd(ROUTERS[id]), ...agents(ROUTERS[id], ctx, options)];
}

/** Starts one of a router's services (or keepalived) in the router's namespaces, recorded in the lab state. */
export async function startRouterProcess(state: LabState, id: RouterId, spec: ProcessSpec): Promise<number> {
  const holder = state.holders[id];
  if (holder === undefined) throw new LabError(`lab: no mount holder recorded for ${id}`);
  return new Recorder(state).start(spec, id, inRouter(holder, ROUTERS[id], spec.argv));
}

async function startHolder(rec: Recorder, id: RouterId): Promise<number> {
  const spec: ProcessSpec = { name: 'mount-holder', argv: ['unshare', '--mount', '--propagation', 'private', 'sleep', 'infinity'], env: {} };
  const pid = startProcess(spec.name, spec.argv, { logFile: `${routerDirs(id).log}/mount-holder.log`, outlive: true }).pid;
  rec.state.holders[id] = pid;
  await rec.save();
  const own = await readlink('/proc/self/ns/mnt');
  await waitFor(`the mount namespace of ${id}'s holder (pid ${pid})`, async () => {
    const ns = await readlink(`/proc/${pid}/ns/mnt`).catch(() => own);
    return ns !== own ? ns : notYet('still the host mount namespace');
  }, { timeoutMs: 5_000, intervalMs: 20 });
  const dirs = routerDirs(id);
  const enter = ['nsenter', `--mount=/proc/${pid}/ns/mnt`, '--'];
  await run([...enter, 'mount', '--bind', dirs.state, STATE_DIR]);
  await run([...enter, 'mount', '--bind', dirs.run, RUNTIME_DIR]);
  await run([...enter, 'mount', '--bind', dirs.hosts, '/etc/hosts']);
  // /sys of the router's own network namespace, as `ip netns exec` gives it.
  await run(['nsenter', `--mount=/proc/${pid}/ns/mnt`, `--net=/run/netns/${ROUTERS[id].ns}`, '--', 'mount', '-t', 'sysfs', 'sysfs', '/sys']);
  return pid;
}

async function writeRouterFiles(id: RouterId, owner: { uid: number; gid: number }, promoter: boolean, profile: LabDhcpProfile | undefined, sync: boolean): Promise<void> {
  const r = ROUTERS[id];
  const dirs = routerDirs(id);
  const ctx = { repo: REPO_ROOT, node: process.execPath };
  const example = await readFile(`${REPO_ROOT}/${r.example}`, 'utf8');
  const config = labRouterConfig(example, r.example, { sshOptions: LAB_SSH_OPTIONS, promotion: promoter ? dnsmasqCommands(r) : undefined, sync, ...(profile === undefined ? {} : { profile }) });
  await writeFile(`${dirs.etc}/router.yaml`, config);
  const render = async (what: string, extra: string[]) => (await run([process.execPath, ROUTERCTL_MAIN, 'render', '--replace', '-f', `${dirs.etc}/router.yaml`, what, ...extra])).stdout;
  await writeFile(`${dirs.etc}/dnsmasq.conf`, await render('dnsmasq', []));
  await writeFile(`${dirs.etc}/keepalived.conf`, await render('keepalived', ['--notify-fifo', `${RUNTIME_DIR}/keepalived.fifo`]));
  // The bus as installed (docs/operations.md): rendered config, one nkey seed per identity, no anonymous access.
  await writeFile(`${dirs.etc}/nats-server.conf`, (await run(renderNatsArgv(r, ctx))).stdout);
  await writeFile(`${dirs.etc}/sshd_config`, sshdConfig(r, { hostKey: hostKeyPath(id), pidFile: `${RUNTIME_DIR}/sshd.pid` }));
  await writeFile(dirs.hosts, hostsFile());
  for (const sub of ['', '/dnsmasq', '/dhcpv6-client']) await chown(`${dirs.state}${sub}`, owner.uid, owner.gid);
}

/** Starts dnsmasq on a router the way the promoter would (the lab driver's stand-in until it lands). */
export async function labStartDnsmasq(state: LabState, id: RouterId): Promise<void> {
  const holder = state.holders[id];
  if (holder === undefined) throw new LabError(`lab: no mount holder recorded for ${id}`);
  await run(inRouter(holder, ROUTERS[id], dnsmasqCommands(ROUTERS[id]).start));
}

export async function labStopDnsmasq(state: LabState, id: RouterId): Promise<void> {
  const holder = state.holders[id];
  if (holder === undefined) throw new LabError(`lab: no mount holder recorded for ${id}`);
  await run(inRouter(holder, ROUTERS[id], dnsmasqCommands(ROUTERS[id]).stop));
}

export async function startKeepalived(state: LabState, id: RouterId): Promise<number> {
  return startRouterProcess(state, id, keepalived(ROUTERS[id]));
}

export async function up(options: UpOptions): Promise<UpResult> {
  const began = Date.now();
  const n = options.narrator;
  const clients = options.clients ?? DEFAULT_CLIENT_COUNT;
  if (!Number.isInteger(clients) || clients < 1 || clients > MAX_CLIENTS) throw new LabError(`lab up: expected 1 to ${MAX_CLIENTS} clients, found ${clients}`);
  await preflight();
  await down({ narrator: n, quiet: true });
  await rm(LAB_DIR, { recursive: true, force: true });
  await mkdir(LAB_DIR, { recursive: true });
  const promoter = await exists(PROMOTER_MAIN);
  const rec = new Recorder({
    version: 1,
    startedAt: new Date().toISOString(),
    sync: options.sync,
    promotion: promoter ? 'routerd-dhcp-promoter' : 'lab-driver',
    holders: {},
    namespaces: [],
    processes: [],
  });
  await rec.save();
  n.step(`lab up: two routers, a LAN bridge, ${options.sync ? 'with' : 'WITHOUT (negative control)'} the lease sync; DHCP promotion by ${rec.state.promotion}`);
  const owner = await labUser();
  for (const dir of [STATE_DIR, RUNTIME_DIR, '/run/sshd']) await mkdir(dir, { recursive: true });
  await createTopology(async (ns) => {
    rec.state.namespaces.push(ns);
    await rec.save();
  }, clients);
  n.say(`namespaces rdlab-lan (bridge), rdlab-r1, rdlab-r2, rdlab-c1..c${clients}; LAN 192.0.2.0/24 and 2001:db8:30::/64`);
  for (const id of ROUTER_IDS) {
    const dirs = routerDirs(id);
    for (const dir of [dirs.state, `${dirs.state}/dnsmasq`, `${dirs.state}/dhcpv6-client`, dirs.run, dirs.etc, dirs.log]) await mkdir(dir, { recursive: true });
  }
  await prepareSshKeys(owner);
  for (const id of ROUTER_IDS) await writeRouterFiles(id, owner, promoter, options.profile, options.sync);
  n.say('configurations: the examples adapted to the lab; dnsmasq.conf, keepalived.conf and nats-server.conf (nkey per agent, no anonymous access) from `routerctl render`');
  if (await exists(RECEIVER_MAIN)) {
    // The forced command as the package ships it (a bundle), not the build in apps/lease-receiver/dist.
    const receiver = await buildReceiverLauncher(REPO_ROOT, `${LAB_DIR}/bin`, process.execPath);
    await installReceiverKeys({ node: process.execPath, routerctl: ROUTERCTL_MAIN, receiver });
    n.say("authorized_keys: the peer's key with routerd-lease-receiver (bundled, as the .deb ships it) as its forced command (`routerctl render authorized-keys`)");
  } else {
    n.say("authorized_keys: the peer's key, restrict (no routerd-lease-receiver built: pushes replace the file)");
  }
  const holders: Record<RouterId, number> = { r1: await startHolder(rec, 'r1'), r2: await startHolder(rec, 'r2') };
  for (const id of ROUTER_IDS) {
    for (const spec of routerServices(id, { sync: options.sync, promoter })) await rec.start(spec, id, inRouter(holders[id], ROUTERS[id], spec.argv));
  }
  n.say(`per router: nats-server, sshd, vip-watcher, lease-watcher${options.sync ? ', syncer' : ''}${promoter ? ', dhcp-promoter' : ''}, metrics-exporter`);
  // r1 first, so it is master; with nopreempt r2 then stays backup.
  const kaStart = Date.now();
  await startKeepalived(rec.state, 'r1');
  await waitFor('the VIP 192.0.2.1 on r1 after keepalived started there', async () => {
    const holders = await vipHolders();
    return holders.includes('r1') ? true : notYet(`VIP on [${holders.join(', ')}]`);
  }, { timeoutMs: 15_000, intervalMs: 50 });
  const firstMasterMs = Date.now() - kaStart;
  n.say(`r1 (router-a) is MASTER ${firstMasterMs} ms after keepalived started (it starts in BACKUP)`);
  await startKeepalived(rec.state, 'r2');
  if (!promoter) await labStartDnsmasq(rec.state, 'r1');
  await waitFor("r1's dnsmasq running", async () => ((await dnsmasqPid('r1')) !== undefined ? true : notYet('no dnsmasq pid')), { timeoutMs: 20_000, intervalMs: 100 });
  n.say(`r1's dnsmasq serves DHCP${promoter ? ' (started by routerd-dhcp-promoter)' : ' (started by the lab driver: no dhcp-promoter built)'}`);
  await sleep(1_000);
  const holdersNow = await vipHolders();
  if (holdersNow.join() !== 'r1') throw new LabError(`lab up: expected the VIP on r1 only, found it on [${holdersNow.join(', ')}]`);
  if ((await dnsmasqPid('r2')) !== undefined) throw new LabError('lab up: expected no dnsmasq on the backup r2, found one running');
  if (options.sync) {
    await waitFor("r1's lease file on r2 (the first push)", async () => {
      const [a, b] = await Promise.all([leaseFile('r1'), leaseFile('r2')]);
      return a.exists && b.exists && a.text === b.text ? true : notYet(`r1 ${a.exists ? 'has' : 'lacks'} the file, r2 ${b.exists ? (a.text === b.text ? 'same' : 'differs') : 'lacks it'}`);
    }, { timeoutMs: 20_000, intervalMs: 100 });
  }
  const durationMs = Date.now() - began;
  n.say(`lab up in ${(durationMs / 1000).toFixed(1)} s`);
  return { durationMs, firstMasterMs, promotion: rec.state.promotion, sync: options.sync };
}

export interface DownOptions {
  narrator: Narrator;
  quiet?: boolean;
}

/** Ends every recorded process and every process in a lab namespace, then deletes the namespaces. Idempotent. */
export async function down(options: DownOptions): Promise<{ stopped: number; namespaces: number }> {
  let state: LabState | undefined;
  try {
    state = await readLabState(STATE_FILE);
  } catch {
    state = undefined;
  }
  const present = await listLabNamespaces();
  const namespaces = [...new Set([...(state?.namespaces ?? []), ...present])].filter((ns) => present.includes(ns) && ALL_NAMESPACES.includes(ns));
  const pids = new Set<number>();
  for (const ns of namespaces) for (const pid of await netnsPids(ns)) pids.add(pid);
  for (const p of [...(state?.processes ?? [])].reverse()) if (isAlive(p.pid)) pids.add(p.pid);
  const stops = [...pids].map((pid) => stopPid(pid));
  await Promise.all(stops);
  for (const pid of Object.values(state?.holders ?? {})) if (pid !== undefined) await stopPid(pid);
  for (const ns of namespaces) await deleteNetns(ns);
  await rm(STATE_FILE, { force: true });
  if (options.quiet !== true) options.narrator.say(`lab down: ${pids.size} processes ended, ${namespaces.length} namespaces deleted`);
  return { stopped: pids.size, namespaces: namespaces.length };
}

export interface StatusReport {
  up: boolean;
  sync?: boolean;
  promotion?: string;
  vip: RouterId[];
  routers: { id: RouterId; dnsmasq: boolean; leases: { v4: number; v6: number } | undefined }[];
  processes: { name: string; router?: string; pid: number; alive: boolean }[];
  namespaces: string[];
}

export async function status(): Promise<StatusReport> {
  const state = await readLabState(STATE_FILE);
  const namespaces = await listLabNamespaces();
  if (state === undefined) return { up: false, vip: [], routers: [], processes: [], namespaces };
  const routers = [];
  for (const id of ROUTER_IDS) {
    const file = await leaseFile(id);
    routers.push({ id, dnsmasq: (await dnsmasqPid(id)) !== undefined, leases: file.view === undefined ? undefined : { v4: file.view.v4.length, v6: file.view.v6.length } });
  }
  return {
    up: true,
    sync: state.sync,
    promotion: state.promotion,
    vip: await vipHolders(),
    routers,
    processes: state.processes.map((p) => ({ name: p.name, ...(p.router === undefined ? {} : { router: p.router }), pid: p.pid, alive: isAlive(p.pid) })),
    namespaces,
  };
}
