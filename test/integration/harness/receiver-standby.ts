// A standby as the lease receiver sees it: a real sshd whose only key line is the one
// `routerctl render authorized-keys` prints (the built receiver as forced command), a configuration
// whose lease file lives in a temp dir, and a DHCPServerPromotion whose check is `test -e <flag>`,
// so a test makes this node "serve" by creating the flag. The pushing side is a real rsync.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inboxPaths, joinRshCommand, type InboxPaths } from '@routerd/model';
import { configYaml, haLanResources } from '@routerd/model/testing';
import { startSshd, type Sshd } from '@routerd/testkit';
import { RECEIVER_BIN, REPO_ROOT, ROUTERCTL_BIN } from './paths.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ReceiverStandby {
  root: string;
  sshd: Sshd;
  configFile: string;
  /** The standby's live lease file. */
  live: string;
  inbox: InboxPaths;
  /** The authorized_keys line installed, as routerctl printed it. */
  keyLine: string;
  /** While it exists the promotion's check exits 0: the standby's DHCP server "runs". */
  servingFlag: string;
  /** The pusher's own lease file, the source of its rsync. */
  source: string;
  /** rsync with the plan's options and ssh to the standby; `extra` goes before the paths. */
  rsync(paths: readonly string[], extra?: readonly string[]): Promise<Run>;
  push(extra?: readonly string[]): Promise<Run>;
  handback(): Promise<Run>;
  pull(into: string): Promise<Run>;
  /** ssh to the standby with this remote command (none: a login). */
  ssh(command?: string): Promise<Run>;
  read(path: string): Promise<string | undefined>;
  cleanup(): Promise<void>;
}

export function run(argv: readonly string[], options: { cwd?: string } = {}): Promise<Run> {
  const [file = '', ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: options.cwd ?? REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error) => resolve({ code: null, stdout, stderr: `${stderr}${error.message}` }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The syncer plan's rsync options (rsyncArgv without the --rsync-path the receiver makes unnecessary). */
export const PLAN_OPTIONS = ['-a', '--no-times', '--no-perms', '--no-owner', '--no-group', '--checksum', '--delay-updates', '--timeout=60'];

export async function startReceiverStandby(): Promise<ReceiverStandby> {
  const root = await mkdtemp(join(tmpdir(), 'rdrx-'));
  try {
    const live = join(root, 'standby', 'dnsmasq', 'dnsmasq.leases');
    const configFile = join(root, 'router.yaml');
    const servingFlag = join(root, 'dhcp-server.running');
    const source = join(root, 'pusher.leases');
    await mkdir(join(root, 'standby', 'dnsmasq'), { recursive: true });
    // rdrx0 does not exist here: the VIP is never held, only the promotion's check says "serving".
    const promotion = { start: ['true'], stop: ['true'], check: ['test', '-e', servingFlag] };
    const resources = haLanResources({ ifname: 'rdrx0', targets: [{ host: '127.0.0.1' }], leaseFile: live, promotion });
    await writeFile(configFile, configYaml(resources, { router: 'receiver-test' }));

    const sshd = await startSshd();
    const rendered = await run([process.execPath, ROUTERCTL_BIN, 'render', 'authorized-keys', '--peer', '127.0.0.1', '--key', `${sshd.identityFile}.pub`, '--config', configFile, '--receiver', RECEIVER_BIN]);
    if (rendered.code !== 0) throw new Error(`routerctl render authorized-keys exited ${String(rendered.code)}: ${rendered.stderr}`);
    const keyLine = rendered.stdout;
    await writeFile(join(sshd.dir, 'authorized_keys'), keyLine);

    const rsh = joinRshCommand(['ssh', ...sshd.sshOptions]);
    const rsync = (paths: readonly string[], extra: readonly string[] = []) => run(['rsync', ...PLAN_OPTIONS, ...extra, '-e', rsh, ...paths]);
    const remote = (path: string) => `${sshd.host}:${path}`;
    return {
      root,
      sshd,
      configFile,
      live,
      inbox: inboxPaths(live),
      keyLine,
      servingFlag,
      source,
      rsync,
      push: (extra = []) => rsync([source, remote(live)], extra),
      handback: () => rsync([source, remote(`${live}.routerd-handback`)]),
      pull: (into) => rsync([remote(live), into]),
      ssh: (command) => run(['ssh', ...sshd.sshOptions, '-T', `${sshd.user}@${sshd.host}`, ...(command === undefined ? [] : [command])]),
      read: (path) => readFile(path, 'utf8').catch(() => undefined),
      cleanup: async () => {
        await sshd.cleanup();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
