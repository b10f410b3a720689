// The units under a real systemd: the .deb installed into a Debian 12 container booted by
// systemd-nspawn (systemd as PID 1), the operator's steps (render the bus, enable the target), then
// what the units promise: each agent active only once it said READY, as user routerd (the promoter as
// root), its watchdog fed; keepalived's notify FIFO as tmpfiles.d made it; routerctl answered by the
// agents; systemd-analyze verify clean; and a configuration error stopping the restarts (exit 2).
//
// Needs root, systemd-container and mmdebstrap (tools/setup.sh); the first run builds the cached root
// (about a minute, from Debian's mirror). ROUTERD_DEB names a built .deb; otherwise `npm run package`
// builds one.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { notYet, waitFor } from '@routerd/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootContainer, debDepends, debianRoot, type DebianContainer } from './harness/debian-container.js';
import { builtDeb, type BuiltDeb } from './harness/built-deb.js';
import { REPO_ROOT } from './harness/paths.js';

const run = promisify(execFile);

const NODE = 'router-a';
const DEB = '/root/routerd-lease-sync.deb';
const AGENTS = ['routerd-vip-watcher', 'routerd-lease-watcher', 'routerd-syncer', 'routerd-dhcp-promoter', 'routerd-metrics-exporter'] as const;
const UNITS = ['routerd-nats', ...AGENTS] as const;
/** The promoter runs systemctl for dnsmasq: root (its unit says why). */
const RUNS_AS_ROOT = new Set<string>(['routerd-dhcp-promoter']);

/** `systemctl show` properties of a unit, by name. */
async function show(container: DebianContainer, unit: string, properties: readonly string[]): Promise<Record<string, string>> {
  const out = await container.sh(`systemctl show ${unit} ${properties.map((p) => `-p ${p}`).join(' ')}`);
  return Object.fromEntries(out.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

let built: BuiltDeb | undefined;

/** The one .deb both suites install, built on first use (harness/built-deb.ts). */
async function theDeb(): Promise<string> {
  built ??= await builtDeb();
  return built.path;
}

afterAll(async () => {
  await built?.remove();
});

/**
 * A container with the package installed and the operator's steps done (docs/operations.md): the bus
 * rendered, the target enabled and started. `packages`: what the cached root holds (the .deb's Depends at least);
 * `prepare`: a script run before the target starts.
 */
async function bootInstalled(debFile: string, packages: readonly string[], prepare = ''): Promise<DebianContainer> {
  const root = await debianRoot(packages);
  const container = await bootContainer({
    root,
    machine: NODE,
    files: {
      [DEB]: await readFile(debFile),
      '/usr/local/etc/routerd/router.yaml': await readFile(join(REPO_ROOT, 'examples/dhcp-lease-sync-ha.yaml')),
      '/etc/default/routerd': `ROUTERD_NODE=${NODE}\n`,
    },
  });
  try {
    // Its Depends are in the cached root already (debianRoot), so dpkg needs no mirror.
    await container.sh(`dpkg -i ${DEB}`);
    await container.sh(`routerctl render nats --creds-dir /usr/local/etc/routerd/nats --node ${NODE} > /usr/local/etc/routerd/nats-server.conf`);
    if (prepare !== '') await container.sh(prepare);
    // As \`systemctl enable --now\`, without blocking: an agent that never says READY keeps its start job
    // (and --now) waiting through timeouts and restarts, so the wait below names what it last saw.
    await container.sh('systemctl enable routerd-lease-sync.target && systemctl start --no-block routerd-lease-sync.target');
    await waitFor('routerd-lease-sync.target to be active', async () => {
      if ((await container.sh('systemctl show -p ActiveState --value routerd-lease-sync.target')).trim() === 'active') return true;
      return notYet((await container.sh("systemctl list-units --all --plain --no-legend 'routerd-*'")).replace(/\s+/g, ' '));
    }, { timeoutMs: 150_000, intervalMs: 500 });
    return container;
  } catch (error) {
    await container.stop();
    throw error;
  }
}

describe('units under systemd (nspawn)', () => {
  let container: DebianContainer;

  beforeAll(async () => {
    for (const command of ['systemd-nspawn', 'mmdebstrap', 'dpkg-deb']) {
      await run('sh', ['-c', `command -v ${command}`]).catch(() => {
        throw new Error(`${command}: expected on PATH for the units test, found nothing; tools/setup.sh installs it (apt-get install systemd-container mmdebstrap)`);
      });
    }
    const deb = await theDeb();
    container = await bootInstalled(deb, await debDepends(deb));
  }, 900_000);

  afterAll(async () => {
    await container?.stop();
  }, 120_000);

  it('units › each is active once it said READY (Type=notify), with its status line and a fed watchdog', async () => {
    for (const unit of AGENTS) {
      const props = await show(container, unit, ['ActiveState', 'SubState', 'Type', 'StatusText', 'WatchdogUSec', 'WatchdogTimestampMonotonic', 'NRestarts']);
      expect(props, unit).toMatchObject({ ActiveState: 'active', SubState: 'running', Type: 'notify', StatusText: `${unit}: serving on NATS`, WatchdogUSec: '30s', NRestarts: '0' });
      // Set by the manager only when a WATCHDOG=1 arrived.
      expect(Number(props['WatchdogTimestampMonotonic']), unit).toBeGreaterThan(0);
    }
    expect(await show(container, 'routerd-nats', ['ActiveState'])).toEqual({ ActiveState: 'active' });
    expect(await show(container, 'routerd-lease-sync.target', ['ActiveState'])).toEqual({ ActiveState: 'active' });
  });

  it('units › Debian\'s nats-server.service, enabled and running once installed on 127.0.0.1:4222, was stopped by routerd-nats (Conflicts=)', async () => {
    // "failed" in this root: its own ExecStop=/bin/kill is procps', which a minimal Debian lacks.
    const props = await show(container, 'nats-server', ['ActiveState', 'UnitFileState']);
    expect(props['UnitFileState']).toBe('enabled');
    expect(['inactive', 'failed']).toContain(props['ActiveState']);
  });

  it('units › each agent and the bus run as user routerd, the promoter as root', async () => {
    const routerdUid = (await container.sh('id -u routerd')).trim();
    expect(routerdUid).toMatch(/^[1-9]\d*$/);
    for (const unit of UNITS) {
      const { MainPID } = await show(container, unit, ['MainPID']);
      const status = await container.sh(`cat /proc/${MainPID}/status`);
      const uids = /^Uid:\s+(\d+)\s+(\d+)/m.exec(status);
      expect(uids?.slice(1), unit).toEqual(RUNS_AS_ROOT.has(unit) ? ['0', '0'] : [routerdUid, routerdUid]);
    }
  });

  it('units › keepalived\'s notify FIFO is the one tmpfiles.d made: root:routerd 0660, so both open it read-write', async () => {
    expect((await container.sh('stat -c "%F %U %G %a" /run/routerd/keepalived.fifo')).trim()).toBe('fifo root routerd 660');
    // The vip-watcher (user routerd) has it open: no "cannot open" retry loop.
    const { MainPID } = await show(container, 'routerd-vip-watcher', ['MainPID']);
    const fds = await container.sh(`for fd in /proc/${MainPID}/fd/*; do readlink "$fd"; done`);
    expect(fds.split('\n')).toContain('/run/routerd/keepalived.fifo');
  });

  it('units › routerctl answers from the agents on the installed bus, and the vip-watcher reads the kernel\'s addresses under its sandbox', async () => {
    const out = await container.sh(`routerctl get vip --node ${NODE} -o json`);
    const roles = JSON.parse(out) as { name?: string; role?: string; reason?: string }[];
    expect(roles.map((role) => role.name)).toEqual(['lan-vip']);
    // No keepalived here: the role is unknown, but for that reason, not for want of `ip`.
    expect(roles[0]?.reason ?? '').not.toMatch(/could not run/);
    const syncs = JSON.parse(await container.sh(`routerctl get leasesyncs --node ${NODE} -o json`)) as { name?: string }[];
    expect(syncs.map((sync) => sync.name).sort()).toEqual(['lan-v4-leases', 'lan-v6-leases', 'wan-pd-lease']);
  });

  it('units › systemd-analyze verify is clean for every installed unit', async () => {
    const result = await container.exec(['sh', '-c', 'cd /usr/lib/systemd/system && systemd-analyze verify routerd-*.service routerd-lease-sync.target']);
    expect({ code: result.code, output: `${result.stdout}${result.stderr}` }).toEqual({ code: 0, output: '' });
  });

  it('units › an invalid configuration exits 2 and is not restarted (RestartPreventExitStatus=2)', async () => {
    await container.sh('cp /usr/local/etc/routerd/router.yaml /root/router.yaml && printf "%s\\n" "- kind: Nonsense" >> /usr/local/etc/routerd/router.yaml');
    try {
      await container.exec(['systemctl', 'restart', 'routerd-lease-watcher']);
      const props = await waitFor('routerd-lease-watcher to fail', async () => {
        const p = await show(container, 'routerd-lease-watcher', ['ActiveState', 'Result', 'ExecMainStatus', 'NRestarts']);
        return p['ActiveState'] === 'failed' ? p : undefined;
      }, { timeoutMs: 30_000 });
      expect(props).toEqual({ ActiveState: 'failed', Result: 'exit-code', ExecMainStatus: '2', NRestarts: '0' });
    } finally {
      await container.sh('cp /root/router.yaml /usr/local/etc/routerd/router.yaml && systemctl restart routerd-lease-watcher');
    }
    expect(await show(container, 'routerd-lease-watcher', ['ActiveState'])).toEqual({ ActiveState: 'active' });
  });

  it('units › the watchdog is fed from the event loop again and again, and a frozen agent is killed and restarted', async () => {
    const unit = 'routerd-syncer';
    // A short watchdog for this test only: fed every 2 s; a frozen agent killed 1 s after the abort signal.
    await container.sh(`mkdir -p /run/systemd/system/${unit}.service.d && printf "[Service]\\nWatchdogSec=4s\\nTimeoutAbortSec=1s\\n" > /run/systemd/system/${unit}.service.d/watchdog.conf && systemctl daemon-reload && systemctl restart ${unit}`);
    try {
      const first = await show(container, unit, ['MainPID', 'WatchdogUSec', 'WatchdogTimestampMonotonic', 'NRestarts']);
      expect(first['WatchdogUSec']).toBe('4s');
      await waitFor('a second WATCHDOG=1', async () => {
        const now = await show(container, unit, ['WatchdogTimestampMonotonic']);
        return Number(now['WatchdogTimestampMonotonic']) > Number(first['WatchdogTimestampMonotonic']) ? true : undefined;
      }, { timeoutMs: 20_000 });
      // A stopped process feeds nothing: the manager's watchdog must end it.
      await container.sh(`kill -STOP ${first['MainPID']}`);
      const after = await waitFor(`${unit} to be restarted by its watchdog`, async () => {
        const now = await show(container, unit, ['ActiveState', 'MainPID', 'NRestarts']);
        return now['ActiveState'] === 'active' && now['MainPID'] !== first['MainPID'] && now['MainPID'] !== '0' ? now : undefined;
      }, { timeoutMs: 60_000, intervalMs: 250 });
      expect(Number(after['NRestarts'])).toBe(Number(first['NRestarts']) + 1);
      expect(await container.sh(`journalctl -u ${unit} --no-pager -o cat`)).toContain('Watchdog timeout');
    } finally {
      await container.sh(`rm -r /run/systemd/system/${unit}.service.d && systemctl daemon-reload && systemctl restart ${unit}`);
    }
  });
});

describe('units under systemd with keepalived (nspawn)', () => {
  let container: DebianContainer | undefined;

  beforeAll(async () => {
    const debFile = await theDeb();
    // keepalived as the package Recommends it, on a veth eth1 (in the container's own network) holding the
    // example's LAN address; its configuration rendered with the FIFO the vip-watcher's unit reads.
    container = await bootInstalled(debFile, [...(await debDepends(debFile)), 'keepalived'], [
      'ip link add eth1 type veth peer name eth1-peer && ip link set eth1-peer up && ip link set eth1 up && ip addr add 192.0.2.2/24 dev eth1',
      'routerctl render -f /usr/local/etc/routerd/router.yaml --replace keepalived --notify-fifo /run/routerd/keepalived.fifo > /etc/keepalived/keepalived.conf',
    ].join(' && '));
  }, 900_000);

  afterAll(async () => {
    await container?.stop();
  }, 120_000);

  it('units › keepalived (root) writes its state changes into the FIFO tmpfiles.d made, and the vip-watcher (routerd) reads them: lan-vip is master', async () => {
    const c = container as DebianContainer;
    await c.sh('systemctl restart keepalived');
    // Alone on its link, keepalived becomes MASTER after three missed adverts and adds the VIP.
    const role = await waitFor('lan-vip to be master', async () => {
      const roles = JSON.parse(await c.sh(`routerctl get vip --node ${NODE} -o json`)) as { role?: string; evidence?: string[] }[];
      return roles[0]?.role === 'master' ? roles[0] : notYet(JSON.stringify(roles[0]));
    }, { timeoutMs: 30_000, intervalMs: 500 });
    expect(role.role).toBe('master');
    expect(await c.sh('journalctl -u routerd-vip-watcher --no-pager -o cat')).toContain('keepalived reports MASTER for lan-vip');
    // keepalived kept the FIFO it found: owner and mode unchanged.
    expect((await c.sh('stat -c "%F %U %G %a" /run/routerd/keepalived.fifo')).trim()).toBe('fifo root routerd 660');
  });
});
