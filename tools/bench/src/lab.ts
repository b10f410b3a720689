// The bench's world: nats-server, N standby sshds (each its own mount namespace with a folder
// bind-mounted over the state dir, so the target path equals the source path), the counting rsync
// wrapper, and the VIP (a namespace for vip-watcher --netns, or a heartbeat the bench publishes).
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { encode, vipRoleEventSchema, vipSubject, type VipRoleEvent } from '@routerd/bus';
import { createNetns, startNatsServer, startSshd, type NatsServer, type Sshd, type TestNetns } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { benchConfigYaml, VIP, VIP_NAME, type BenchConfigInput } from './config-yaml.js';
import { countingRsyncScript } from './counting-rsync.js';

export const NODE = 'bench';
/** The vip-watcher's node when the bench publishes the role itself: its events must not reach the syncer. */
export const FALLBACK_VIP_NODE = 'bench-vw';
export const HEARTBEAT_MS = 1000;

export interface Standby {
  sshd: Sshd;
  /** The standby's copy of the state dir, on this host. */
  dir: string;
}

export interface Lab {
  repo: string;
  root: string;
  stateDir: string;
  leaseFile: string;
  baselineFile: string;
  nats: NatsServer;
  nc: NatsConnection;
  standbys: Standby[];
  wrapper: string;
  rsyncLog: string;
  ns: TestNetns | undefined;
  ifname: string;
  /** The standby's path of a file under the state dir. */
  standbyPath(index: number, path: string): string;
  writeConfig(file: string, input: Omit<BenchConfigInput, 'command' | 'ifname' | 'targets'> & { targets: number }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The standbys' ssh user, as in production a dedicated account with /bin/sh. Not root: its shell
 * would source root's ~/.bashrc on every session (on the development machines pyenv init, 1.2 s),
 * and the bench would time that instead of the sync.
 */
export const STANDBY_USER = 'routerd-bench';

export async function createLab(repo: string, standbyCount: number, progress: (text: string) => void): Promise<Lab> {
  // Short: the ssh ControlPath (<root>/run/ssh/<40 hex>) must stay under ~90 bytes.
  const root = await mkdtemp('/tmp/rdb-');
  // The standby user walks through <root> to the bind-mounted state dir.
  await chmod(root, 0o711);
  const stateDir = join(root, 'state');
  await mkdir(join(stateDir, 'dnsmasq'), { recursive: true });
  await mkdir(join(stateDir, 'baseline'), { recursive: true });
  await mkdir(join(stateDir, 'lsyncd'), { recursive: true });
  const rsyncLog = join(root, 'rsync.log');
  const wrapper = join(root, 'counting-rsync');
  await writeFile(wrapper, countingRsyncScript('/usr/bin/rsync', rsyncLog));
  await chmod(wrapper, 0o755);
  await writeFile(rsyncLog, '');
  // RDBENCH_KEEP=1 keeps the temp dir (agent logs, rsync log, configurations) for a post-mortem.
  const cleanups: (() => Promise<void>)[] = [() => (process.env['RDBENCH_KEEP'] === '1' ? Promise.resolve() : rm(root, { recursive: true, force: true }))];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    progress('starting nats-server');
    const nats = await startNatsServer();
    cleanups.push(() => nats.cleanup());
    const standbys: Standby[] = [];
    for (let i = 0; i < standbyCount; i++) {
      progress(`starting standby sshd ${i + 1}/${standbyCount}`);
      const dir = join(root, `standby-${i}`);
      await mkdir(join(dir, 'dnsmasq'), { recursive: true });
      await mkdir(join(dir, 'baseline'), { recursive: true });
      await mkdir(join(dir, 'lsyncd'), { recursive: true });
      const sshd = await startSshd({ user: STANDBY_USER, bindMounts: [{ source: dir, target: stateDir }] });
      // rsync writes a temp file and renames it: the user owns the standby's folders (lab-findings).
      await chownTree(dir, STANDBY_USER);
      cleanups.push(() => sshd.cleanup());
      standbys.push({ sshd, dir });
    }
    const nc = await connect({ servers: nats.url, name: 'routerd-bench' });
    cleanups.push(() => nc.close());
    let ns: TestNetns | undefined;
    if (await vipWatcherHasNetns(join(repo, 'apps/vip-watcher/dist/main.js'))) {
      progress('creating the VIP namespace');
      ns = await createNetns(`rdbench-${process.pid}`, 'rdb0', VIP);
      const created = ns;
      cleanups.push(() => created.remove());
    } else {
      progress(`vip-watcher has no --netns: the bench publishes the master role of ${VIP_NAME} itself (heartbeat ${HEARTBEAT_MS} ms)`);
      const stop = heartbeat(nc);
      cleanups.push(async () => stop());
    }
    const ifname = ns?.ifname ?? 'rdb0';
    return {
      repo,
      root,
      stateDir,
      leaseFile: join(stateDir, 'dnsmasq', 'dnsmasq.leases'),
      baselineFile: join(stateDir, 'baseline', 'dnsmasq.leases'),
      nats,
      nc,
      standbys,
      wrapper,
      rsyncLog,
      ns,
      ifname,
      standbyPath: (index, path) => join(standbys[index]!.dir, path.slice(stateDir.length)),
      async writeConfig(file, input) {
        const targets = standbys.slice(0, input.targets).map(({ sshd }) => ({ host: sshd.host, user: sshd.user, sshOptions: sshd.sshOptions }));
        const path = join(root, file);
        await writeFile(path, benchConfigYaml({ ...input, targets, command: wrapper, ifname }));
        return path;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Publishes "master" for the VIP as a vip-watcher would, until the returned function is called. */
function heartbeat(nc: NatsConnection): () => void {
  const since = new Date().toISOString();
  let seq = 0;
  const publish = () => {
    const event: VipRoleEvent = {
      type: 'vip.role', node: NODE, name: VIP_NAME, role: 'master', address: VIP, interface: 'lan', ifname: 'rdb0', family: 'ipv4',
      observedAt: new Date().toISOString(), lastRoleTransitionAt: since, evidence: ['bench:heartbeat'], heartbeatMs: HEARTBEAT_MS, seq: seq++,
    };
    const subject = vipSubject(NODE, VIP_NAME);
    nc.publish(subject, encode(vipRoleEventSchema, event, subject));
  };
  publish();
  const timer = setInterval(publish, HEARTBEAT_MS);
  return () => clearInterval(timer);
}

/** True when the built vip-watcher takes --netns NAME (it says so in its --help). */
async function vipWatcherHasNetns(mainJs: string): Promise<boolean> {
  const { stdout } = await promisify(execFile)(process.execPath, [mainJs, '--help']).catch(() => ({ stdout: '' }));
  return /--netns\b/.test(stdout);
}

async function chownTree(dir: string, user: string): Promise<void> {
  await promisify(execFile)('chown', ['-R', `${user}:${user}`, dir]);
}
