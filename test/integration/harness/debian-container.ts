// A Debian 12 container booted by systemd-nspawn with systemd as its PID 1, for the units' tests.
//
// The root (minbase, systemd, dbus and the package's Depends) is built once by mmdebstrap and cached;
// each boot lays a fresh overlay over it, so the cache never changes and nothing is left behind. This
// machine's PID 1 is not systemd, so there is no machined and no host bus: --register=no --keep-unit
// keep nspawn from asking for either, and commands enter the container with nsenter. --private-network:
// the container has a loopback of its own, so its 127.0.0.1:4222 and keepalived's VRRP stay inside.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { notYet, WaitAbort, waitFor } from '@routerd/testkit';

const run = promisify(execFile);

/** Where built roots are kept between runs (ROUTERD_NSPAWN_CACHE to change it). */
export const ROOT_CACHE_DIR = process.env['ROUTERD_NSPAWN_CACHE'] ?? '/var/cache/routerd-lease-sync-tests';
/** What every root has besides the package's Depends: an init, and the bus systemctl talks over. */
export const BASE_PACKAGES = ['systemd', 'systemd-sysv', 'dbus'] as const;
const SUITE = 'bookworm';

/** The package names a Depends: field asks for: versions dropped, the first of each alternative. */
export function dependsPackages(depends: string): string[] {
  return depends
    .split(',')
    .map((part) => part.split('|')[0]?.replace(/\(.*\)/, '').trim() ?? '')
    .filter((name) => name !== '');
}

/** The Depends: of a .deb, as dpkg-deb reads it. */
export async function debDepends(deb: string): Promise<string[]> {
  const { stdout } = await run('dpkg-deb', ['--field', deb, 'Depends']);
  return dependsPackages(stdout);
}

/**
 * A cached Debian 12 root holding `packages` (and BASE_PACKAGES), built by mmdebstrap when missing; its
 * folder is named by the package list, so another list builds another root.
 */
export async function debianRoot(packages: readonly string[]): Promise<string> {
  const all = [...new Set([...BASE_PACKAGES, ...packages])].sort();
  const key = createHash('sha256').update(`${SUITE} ${all.join(' ')}`).digest('hex').slice(0, 12);
  const root = join(ROOT_CACHE_DIR, `${SUITE}-${key}`);
  if (existsSync(join(root, 'usr/lib/systemd/systemd'))) return root;
  await mkdir(ROOT_CACHE_DIR, { recursive: true });
  const building = await mkdtemp(join(ROOT_CACHE_DIR, `.building-${SUITE}-`));
  try {
    // mmdebstrap wants an empty or missing target.
    await rm(building, { recursive: true });
    await run('mmdebstrap', ['--variant=minbase', `--include=${all.join(',')}`, SUITE, building], { timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
    await rename(building, root);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return root;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface DebianContainer {
  /** Runs argv inside the container (all its namespaces); never rejects on a non-zero exit. */
  exec(argv: readonly string[], options?: { input?: string; timeoutMs?: number }): Promise<ExecResult>;
  /** `sh -c script` like exec, but a non-zero exit is an error carrying the output. */
  sh(script: string, timeoutMs?: number): Promise<string>;
  /** The host PID of the container's systemd. */
  readonly initPid: number;
  /** nspawn's console output so far (boot messages), for failure messages. */
  console(): string;
  /** Powers the container off, waits for nspawn to exit, and removes the overlay. */
  stop(): Promise<void>;
}

export interface BootOptions {
  /** The cached root (debianRoot), never written. */
  root: string;
  /** The container's host name. */
  machine: string;
  /** Files put into the container before it boots, by absolute path inside it. */
  files?: Record<string, string | Buffer>;
  bootTimeoutMs?: number;
  /**
   * A network namespace the caller made (`/run/netns/NAME`) for the container to boot in, instead of a
   * private one of its own: its links, addresses and loopback are the container's.
   */
  networkNamespacePath?: string;
}

function childrenOf(pid: number): Promise<{ pid: number; comm: string }[]> {
  return readdir('/proc').then(async (entries) => {
    const found: { pid: number; comm: string }[] = [];
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
      // pid (comm) state ppid ...: comm may hold spaces, so split after its last ")".
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid === pid) found.push({ pid: Number(entry), comm: stat.slice(stat.indexOf('(') + 1, close) });
    }
    return found;
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Boots `root` under an overlay with systemd as PID 1 and waits until the system is up. Needs root. */
export async function bootContainer({ root, machine, files = {}, bootTimeoutMs = 60_000, networkNamespacePath }: BootOptions): Promise<DebianContainer> {
  const work = await mkdtemp(join(tmpdir(), 'routerd-nspawn-'));
  const upper = join(work, 'upper');
  const merged = join(work, 'merged');
  await Promise.all([mkdir(upper), mkdir(join(work, 'work')), mkdir(merged)]);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(upper, path)), { recursive: true });
    await writeFile(join(upper, path), content);
  }
  // The overlay lives in a mount namespace of its own, gone with nspawn; exec leaves nspawn with this PID.
  const script = 'mount -t overlay overlay -o "lowerdir=$1,upperdir=$2,workdir=$3" "$4" && d=$4 m=$5 && shift 5 && exec systemd-nspawn --quiet --boot --register=no --keep-unit "$@" --console=pipe -M "$m" -D "$d"';
  // --private-network keeps CAP_NET_ADMIN for the container's own network; a given namespace does not
  // (keepalived's RTM_NEWADDR then fails EPERM), so it is granted explicitly: the namespace is the container's.
  const network = networkNamespacePath === undefined ? ['--private-network'] : [`--network-namespace-path=${networkNamespacePath}`, '--capability=CAP_NET_ADMIN'];
  const child = spawn('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', root, upper, join(work, 'work'), merged, machine, ...network], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const nspawnPid = child.pid;
  if (nspawnPid === undefined) throw new Error('systemd-nspawn: could not be spawned');

  let initPid = 0;
  const stop = async () => {
    if (initPid !== 0) {
      await run('nsenter', ['--target', String(initPid), '--all', '--', 'systemctl', 'poweroff'], { timeout: 10_000 }).catch(() => undefined);
    }
    const done = exited(child);
    const timer = setTimeout(() => {
      // Killing a PID namespace's init ends every process in it.
      if (initPid !== 0) process.kill(initPid, 'SIGKILL');
      else child.kill('SIGKILL');
    }, 30_000);
    await done;
    clearTimeout(timer);
    await rm(work, { recursive: true, force: true });
  };

  try {
    initPid = await waitFor(
      "the container's systemd to start",
      async () => {
        if (child.exitCode !== null) throw new WaitAbort(`systemd-nspawn exited ${child.exitCode} before the container booted:\n${output}`);
        return (await childrenOf(nspawnPid)).find((c) => c.comm === 'systemd')?.pid;
      },
      { timeoutMs: bootTimeoutMs },
    );
    const nsenter = (argv: readonly string[]) => ['--target', String(initPid), '--all', '--', ...argv];
    const exec: DebianContainer['exec'] = (argv, options = {}) =>
      new Promise((resolve) => {
        const proc = execFile('nsenter', nsenter(argv), { timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' } }, (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 255;
          resolve({ code, stdout, stderr: error !== null && typeof error.code !== 'number' ? `${stderr}${error.message}` : stderr });
        });
        if (options.input !== undefined) proc.stdin?.end(options.input);
      });
    // `running`, or `degraded` with a unit of the minimal root failed: either way the boot is over.
    // Until systemd has its private socket, systemctl cannot connect and says nothing on stdout; until it
    // has made /run/systemd/system, systemctl takes it for not running at all ("offline").
    const state = await waitFor(
      'the container to finish booting',
      async () => {
        const answer = await exec(['systemctl', 'is-system-running', '--wait'], { timeoutMs: bootTimeoutMs });
        const said = answer.stdout.trim();
        if (said === '' || said === 'offline') return notYet(`${said} ${answer.stderr.trim()}`);
        return said;
      },
      { timeoutMs: bootTimeoutMs, intervalMs: 200 },
    );
    if (!['running', 'degraded'].includes(state)) throw new Error(`the container did not finish booting: systemctl is-system-running says ${JSON.stringify(state)}\n${output}`);
    return {
      exec,
      async sh(script, timeoutMs) {
        const result = await exec(['sh', '-c', script], timeoutMs === undefined ? {} : { timeoutMs });
        if (result.code !== 0) throw new Error(`in the container, sh -c ${JSON.stringify(script)}: exit ${result.code}\n${result.stdout}${result.stderr}`);
        return result.stdout;
      },
      initPid,
      console: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
