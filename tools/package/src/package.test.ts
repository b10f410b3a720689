// The .deb as built by `npm run package`, once for this file: its contents, its control file, and its
// commands run through their launchers on Debian 12's own nodejs (unpacked from apt-get download),
// one agent against a real nats-server. Needs root (mount namespaces) and apt lists (tools/setup.sh).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { notYet, startNatsServer, startProcess, stopProcess, waitFor, WaitAbort, type NatsServer } from '@routerd/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeb, type BuiltDeb } from './build-deb.js';
import { agentNodeArgs } from '@routerd/agent/defaults';
import { BASH_COMPLETION_FILE, bundlePath, DOC_DIR, EXAMPLES_DIR, ZSH_COMPLETION_FILE } from './layout.js';
import { repoFiles } from './repo-files.js';
import { debianNode } from './testing/debian-node.js';
import { overUsr } from './testing/installed-root.js';
import { discoverBins } from './workspace.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'routerd-package');
const EXAMPLE = `${EXAMPLES_DIR}/dhcp-lease-sync-ha.yaml`;
/** Packages the lab and the tests need, never a router. */
const LAB_ONLY = ['udhcpc', 'isc-dhcp-client', 'busybox', 'nftables', 'psmisc'];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Result> {
  const [file, ...args] = argv;
  try {
    const { stdout, stderr } = await promisify(execFile)(file ?? '', args, { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function ok(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(argv, env);
  if (result.code !== 0) throw new Error(`${argv.join(' ')}: exit ${result.code}\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

let tmp: string;
let built: BuiltDeb;
/** The .deb unpacked: what dpkg would install. */
let unpacked: string;
let layers: string[];
const bins = await discoverBins(ROOT);

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'routerd-package-test-'));
  built = await buildDeb({ root: ROOT, outDir: join(tmp, 'out') });
  unpacked = join(tmp, 'unpacked');
  await ok(['dpkg-deb', '-x', built.path, unpacked]);
  const node = await debianNode(join(CACHE, 'debian-nodejs'));
  layers = [unpacked, node.root];
});

afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

/** A line of `dpkg-deb -c`: mode, owner, size and path. */
function listing(text: string): { mode: string; owner: string; size: number; path: string }[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [mode = '', owner = '', size = '', , , path = ''] = line.split(/\s+/);
      return { mode, owner, size: Number(size), path: path.replace(/^\.\//, '/') };
    });
}

describe('package contents', () => {
  it('package › one bundle and one executable launcher per bin of the apps, owned by root, and nothing from node_modules', async () => {
    const entries = listing(await ok(['dpkg-deb', '-c', built.path]));
    const byPath = new Map(entries.map((e) => [e.path, e]));
    for (const { bin } of bins) {
      expect(byPath.get(`/usr/bin/${bin}`)?.mode, bin).toBe('-rwxr-xr-x');
      expect(byPath.get(bundlePath(bin))?.mode, bin).toBe('-rw-r--r--');
    }
    expect(entries.every((e) => e.owner === 'root/root')).toBe(true);
    expect(entries.filter((e) => /node_modules|\.ts$|\.map$|package\.json$/.test(e.path))).toEqual([]);
    const files = entries.filter((e) => !e.mode.startsWith('d'));
    const allowed = /^\/usr\/(bin\/(routerctl|routerd-[a-z-]+)|lib\/routerd-lease-sync\/[a-z-]+\.mjs|lib\/systemd\/system\/[^/]+|lib\/(tmpfiles|sysusers)\.d\/routerd-lease-sync\.conf|share\/doc\/routerd-lease-sync\/.+|share\/bash-completion\/completions\/routerctl|share\/zsh\/vendor-completions\/_routerctl)$/;
    expect(files.map((e) => e.path).filter((path) => !allowed.test(path))).toEqual([]);
  });

  it('package › installs the units, the tmpfiles and sysusers files, the examples and the docs as the repository has them', async () => {
    const copied = await repoFiles(ROOT);
    expect(copied.map((f) => f.to)).toEqual(expect.arrayContaining(['/usr/lib/tmpfiles.d/routerd-lease-sync.conf', '/usr/lib/sysusers.d/routerd-lease-sync.conf', `${DOC_DIR}/README.md`, EXAMPLE]));
    expect(copied.filter((f) => f.to.startsWith('/usr/lib/systemd/system/')).length).toBeGreaterThan(0);
    for (const file of copied) expect(await readFile(join(unpacked, file.to), 'utf8'), file.to).toBe(await readFile(join(ROOT, file.from), 'utf8'));
    expect(await readFile(join(unpacked, DOC_DIR, 'copyright'), 'utf8')).toMatch(/^Format: https:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format\/1\.0\/\n[\s\S]*\nLicense: MIT\n The license of pino /);
  });

  it("package › routerctl's bash and zsh completion scripts are installed where bash-completion and Debian's zsh look, as routerctl prints them", async () => {
    const bundle = join(unpacked, bundlePath('routerctl'));
    for (const [shell, file] of [['bash', BASH_COMPLETION_FILE], ['zsh', ZSH_COMPLETION_FILE]] as const) {
      const printed = await ok([process.execPath, bundle, 'completion', shell]);
      expect(printed, shell).toContain('routerctl');
      expect(await readFile(join(unpacked, file), 'utf8'), file).toBe(printed);
    }
    // bash loads the installed script and registers it for routerctl.
    expect(await ok(['bash', '-c', `source ${join(unpacked, BASH_COMPLETION_FILE)} && complete -p routerctl`])).toContain('routerctl');
  });

  it('package › the control file: name, version, all, the runtime Depends, lab-only packages nowhere, and its Installed-Size', async () => {
    const field = async (name: string) => (await ok(['dpkg-deb', '-f', built.path, name])).trim();
    const version = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(built.path.endsWith(`/routerd-lease-sync_${version}_all.deb`)).toBe(true);
    expect([await field('Package'), await field('Version'), await field('Architecture')]).toEqual(['routerd-lease-sync', version, 'all']);
    expect(await field('Depends')).toBe('nodejs (>= 18.19), nats-server, rsync, openssh-client, iproute2, systemd');
    expect(await field('Recommends')).toBe('openssh-server, keepalived, dnsmasq-base');
    const relations = `${await field('Depends')}, ${await field('Recommends')}`;
    expect(LAB_ONLY.filter((name) => relations.includes(name))).toEqual([]);
    // dpkg-gencontrol's count: each file's KiB rounded up, plus one per folder.
    const entries = listing(await ok(['dpkg-deb', '-c', built.path])).filter((e) => e.path !== '/');
    const expected = entries.reduce((kib, e) => kib + (e.mode.startsWith('d') ? 1 : Math.ceil(e.size / 1024)), 0);
    expect(Number(await field('Installed-Size'))).toBe(expected);
    // "A few MB at most."
    expect(built.bytes).toBeLessThan(3 * 1024 * 1024);
  });

  it('package › the maintainer scripts are sh with set -e, and never enable, start or restart a unit', async () => {
    const control = join(tmp, 'control');
    await ok(['dpkg-deb', '-e', built.path, control]);
    for (const script of ['postinst', 'postrm']) {
      const text = await readFile(join(control, script), 'utf8');
      expect(text.startsWith('#!/bin/sh\nset -e\n'), script).toBe(true);
      await ok(['sh', '-n', join(control, script)]);
      expect(text, script).not.toMatch(/\b(enable|start|restart|reload-or-restart|try-restart)\b/);
    }
  });

  it('package › the agents launchers carry the units Node options; routerctl and the receiver run on Node defaults', async () => {
    const units = new Set((await repoFiles(ROOT)).map((f) => f.to.replace('/usr/lib/systemd/system/', '')));
    for (const { bin } of bins) {
      const text = await readFile(join(unpacked, 'usr/bin', bin), 'utf8');
      const options = units.has(`${bin}.service`) ? ` ${agentNodeArgs(bin).join(' ')}` : '';
      expect(text.endsWith(`\nexec /usr/bin/node${options} ${bundlePath(bin)} "$@"\n`), `${bin}:\n${text}`).toBe(true);
    }
    expect(built.agents).toEqual(expect.arrayContaining(['routerd-syncer', 'routerd-vip-watcher', 'routerd-lease-watcher', 'routerd-dhcp-promoter']));
    expect(built.agents).not.toContain('routerctl');
    expect(built.agents).not.toContain('routerd-lease-receiver');
  });
});

describe("on Debian 12's nodejs", () => {
  it('debian node › /usr/bin/node in the installed root is Node 18', async () => {
    expect(await ok(overUsr(layers, ['/usr/bin/node', '--version']))).toMatch(/^v18\./);
  });

  it.each(bins.map((b) => b.bin))('debian node › %s --help prints its usage through the launcher', async (bin) => {
    const result = await run(overUsr(layers, [`/usr/bin/${bin}`, '--help']));
    expect(result, JSON.stringify(result)).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^usage: ${bin} `, 'im'));
  });

  it('debian node › routerctl --version prints the package version', async () => {
    expect(await ok(overUsr(layers, ['/usr/bin/routerctl', '--version']))).toBe(`routerctl ${built.version}\n`);
  });

  it('debian node › routerctl validate accepts the installed HA example', async () => {
    const result = await run(overUsr(layers, ['/usr/bin/routerctl', 'validate', '--replace', '-f', EXAMPLE]));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^valid: \d+ resources/);
  });

  describe('with a real nats-server', () => {
    let nats: NatsServer;
    beforeAll(async () => {
      nats = await startNatsServer({ jetstream: false });
    });
    afterAll(async () => {
      await nats?.cleanup();
    });

    // The syncer answers for its syncs (nats.js, pino, the model); the vip-watcher runs `ip` through execa
    // (whose engines want ^18.19) and answers for the VIP, unknown here: the example's eth1 is not on this machine.
    it.each([
      { bin: 'routerd-syncer', kind: 'leasesyncs', names: ['lan-v4-leases', 'wan-pd-lease'], args: [] as string[] },
      { bin: 'routerd-vip-watcher', kind: 'vip', names: ['lan-vip'], args: ['--notify-fifo', 'notify.fifo'] },
    ])('debian node › $bin connects to NATS, answers routerctl get $kind, and stops cleanly on SIGTERM', async ({ bin, kind, names, args }) => {
      // Short: the syncer's ssh control sockets must fit a unix socket path under the runtime dir.
      const dir = await mkdtemp(join(tmpdir(), 'rdp-'));
      const [state, runtime] = [join(dir, 'state'), join(dir, 'run')];
      await mkdir(state);
      await mkdir(runtime);
      const log = join(dir, 'agent.log');
      const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ROUTERD_STATE_DIR: state, ROUTERD_RUNTIME_DIR: runtime };
      const own = args.map((arg) => (arg.endsWith('.fifo') ? join(runtime, arg) : arg));
      const agent = startProcess(bin, overUsr(layers, [`/usr/bin/${bin}`, '--config', EXAMPLE, '--nats', nats.url, '--node', 'router-a', ...own]), { logFile: log, env });
      try {
        const get = overUsr(layers, ['/usr/bin/routerctl', 'get', kind, '--nats', nats.url, '--node', 'router-a', '-o', 'json']);
        let logText = '';
        const listed = await waitFor(
          () => `routerctl get ${kind} to answer from ${bin} (its log:\n${logText})`,
          async () => {
            logText = await readFile(log, 'utf8').catch(() => '');
            if (agent.hasExited()) throw new WaitAbort(`${bin} exited: ${JSON.stringify(await agent.exited)}`);
            const result = await run(get);
            return result.code === 0 ? result.stdout : notYet(`exit ${result.code}: ${result.stderr.trim()}`);
          },
          { timeoutMs: 30_000, intervalMs: 200 },
        );
        for (const name of names) expect(listed).toContain(`"${name}"`);
      } finally {
        const exit = await stopProcess(agent);
        const text = await readFile(log, 'utf8');
        await rm(dir, { recursive: true, force: true });
        expect(exit, text).toEqual({ exitCode: 0, signal: undefined });
      }
    });
  });
});
