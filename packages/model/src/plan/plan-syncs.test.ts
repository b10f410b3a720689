import { describe, expect, it } from 'vitest';
import { runtimeDirs } from '../paths.js';
import { routerSchema, type RouterConfig } from '../router.js';
import { commandLine } from './command-line.js';
import { PlanError } from './errors.js';
import { planSyncs } from './plan-syncs.js';
import { splitRshCommand } from './rsh-command.js';

const API = 'net.routerd.net/v1alpha1';
const dirs = runtimeDirs({});
const ROLE_MASTER = { state: { 'VirtualAddress/lan-vip.role': { equals: 'master' } } };

function res(kind: string, name: string, spec: Record<string, unknown>) {
  return { apiVersion: API, kind, metadata: { name }, spec };
}

function configOf(resources: unknown[]): RouterConfig {
  const doc = routerSchema.parse({ apiVersion: 'routerd.net/v1alpha1', kind: 'Router', metadata: { name: 't' }, spec: { resources } });
  return { name: doc.metadata.name, resources: doc.spec.resources };
}

const base = [
  res('Interface', 'lan', { ifname: 'eth1' }),
  res('Interface', 'wan', { ifname: 'eth0' }),
  res('VirtualAddress', 'lan-vip', { interface: 'lan', family: 'ipv4', address: '192.0.2.1/32' }),
  res('DHCPv4Server', 'lan-dhcpv4', {}),
  res('DHCPv6Server', 'lan-dhcpv6', {}),
  res('DHCPv6PrefixDelegation', 'wan-pd', { interface: 'wan' }),
];

function sync(kind: string, name: string, source: string, spec: Record<string, unknown> = {}) {
  return res(kind, name, { source: { resource: source }, targets: [{ host: 'standby.example' }], ...spec });
}

describe('planSyncs', () => {
  it('plan › default job and exact argv', () => {
    const config = configOf([
      ...base,
      sync('DHCPv4ServerLeaseSync', 'lan-v4-leases', 'DHCPv4Server/lan-dhcpv4', {
        targets: [{ name: 'standby', host: 'routerd-standby.lan.example', user: 'routerd' }],
        when: ROLE_MASTER,
      }),
    ]);
    const [job, ...rest] = planSyncs(config, { dirs });
    expect(rest).toEqual([]);
    const sshCommand =
      'ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5 -o ServerAliveCountMax=3 -o ControlMaster=auto -o ControlPath=/run/routerd/ssh/%C -o ControlPersist=60s';
    const options = ['-a', '--no-times', '--no-perms', '--no-owner', '--no-group', '--checksum'];
    const live = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
    const remote = `routerd@routerd-standby.lan.example:${live}`;
    expect(job).toEqual({
      id: 'DHCPv4ServerLeaseSync/lan-v4-leases',
      kind: 'DHCPv4ServerLeaseSync',
      name: 'lan-v4-leases',
      source: { kind: 'DHCPv4Server', name: 'lan-dhcpv4', path: live },
      delivery: 'merge',
      interval: '30s',
      intervalMs: 30_000,
      when: ROLE_MASTER,
      whenText: 'VirtualAddress/lan-vip.role equals master',
      deadlineMs: 120_000,
      targets: [
        {
          name: 'standby',
          host: 'routerd-standby.lan.example',
          user: 'routerd',
          destination: remote,
          sshCommand,
          argv: ['rsync', ...options, '--delay-updates', '--timeout=60', '-e', sshCommand, live, remote],
          handbackArgv: ['rsync', ...options, '--delay-updates', '--timeout=60', '-e', sshCommand, live, `${remote}.routerd-handback`],
          pullArgv: ['rsync', ...options, '--timeout=60', '-e', sshCommand, remote, '/var/lib/routerd/dnsmasq/.routerd-inbox/dnsmasq.leases.pulled'],
          controlDir: '/run/routerd/ssh',
        },
      ],
    });
  });

  it('plan › delivery replace is carried to the job; the commands are the same', () => {
    const replace = planSyncs(configOf([...base, sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4', { delivery: 'replace' })]), { dirs })[0];
    const merge = planSyncs(configOf([...base, sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4')]), { dirs })[0];
    expect(replace?.delivery).toBe('replace');
    expect(merge?.delivery).toBe('merge');
    expect(replace?.targets).toEqual(merge?.targets);
  });

  it('plan › renders as a shell command line for routerctl', () => {
    const [job] = planSyncs(configOf([...base, sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4')]), { dirs, reuseConnections: false });
    expect(commandLine(job?.targets[0]?.argv ?? [])).toBe(
      "rsync -a --no-times --no-perms --no-owner --no-group --checksum --delay-updates --timeout=60 -e 'ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5 -o ServerAliveCountMax=3' " +
        '/var/lib/routerd/dnsmasq/dnsmasq.leases standby.example:/var/lib/routerd/dnsmasq/dnsmasq.leases',
    );
    // No connection reuse: no control socket directory to create.
    expect(job?.targets[0]?.controlDir).toBeUndefined();
  });

  it('plan › one job per sync, in configuration order, with bare-name sources', () => {
    const config = configOf([
      sync('DHCPv6PrefixDelegationLeaseSync', 'pd', 'wan-pd'),
      ...base,
      sync('DHCPv6ServerLeaseSync', 'v6', 'lan-dhcpv6', { interval: '1m30s' }),
      sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4'),
    ]);
    const jobs = planSyncs(config, { dirs });
    expect(jobs.map((j) => [j.id, j.source, j.intervalMs, j.whenText])).toEqual([
      ['DHCPv6PrefixDelegationLeaseSync/pd', { kind: 'DHCPv6PrefixDelegation', name: 'wan-pd', path: '/var/lib/routerd/dhcpv6-client/wan-pd/lease.json' }, 30_000, 'always'],
      ['DHCPv6ServerLeaseSync/v6', { kind: 'DHCPv6Server', name: 'lan-dhcpv6', path: '/var/lib/routerd/dnsmasq/dnsmasq.leases' }, 90_000, 'always'],
      ['DHCPv4ServerLeaseSync/v4', { kind: 'DHCPv4Server', name: 'lan-dhcpv4', path: '/var/lib/routerd/dnsmasq/dnsmasq.leases' }, 30_000, 'always'],
    ]);
    expect(jobs[0]?.targets[0]?.argv.slice(-3)).toEqual([
      jobs[0]?.targets[0]?.sshCommand,
      '/var/lib/routerd/dhcpv6-client/wan-pd/lease.json',
      'standby.example:/var/lib/routerd/dhcpv6-client/wan-pd/lease.json',
    ]);
    expect(jobs[0]?.targets[0]?.pullArgv.slice(-2)).toEqual([
      'standby.example:/var/lib/routerd/dhcpv6-client/wan-pd/lease.json',
      '/var/lib/routerd/dhcpv6-client/wan-pd/.routerd-inbox/lease.json.pulled',
    ]);
  });

  it('plan › environment overrides move every derived path', () => {
    const lab = runtimeDirs({ ROUTERD_STATE_DIR: '/tmp/lab/a/state', ROUTERD_RUNTIME_DIR: '/tmp/lab/a/run' });
    const [job] = planSyncs(configOf([...base, sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4')]), { dirs: lab });
    expect(job?.source.path).toBe('/tmp/lab/a/state/dnsmasq/dnsmasq.leases');
    expect(job?.targets[0]?.sshCommand).toContain('-o ControlPath=/tmp/lab/a/run/ssh/%C');
    expect(job?.targets[0]?.destination).toBe('standby.example:/tmp/lab/a/state/dnsmasq/dnsmasq.leases');
  });

  it('plan › a leaseFile override is the source path', () => {
    const config = configOf([
      ...base.map((r) => (r.kind === 'DHCPv4Server' ? { ...r, spec: { leaseFile: "/srv/it's/leases" } } : r)),
      sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4'),
    ]);
    const target = planSyncs(config, { dirs })[0]?.targets[0];
    expect(target?.argv.slice(-2)).toEqual(["/srv/it's/leases", "standby.example:/srv/it's/leases"]);
    expect(target?.handbackArgv.at(-1)).toBe("standby.example:/srv/it's/leases.routerd-handback");
    expect(target?.pullArgv.slice(-2)).toEqual(["standby.example:/srv/it's/leases", "/srv/it's/.routerd-inbox/leases.pulled"]);
    // No remote shell reads these words: nothing is quoted for one.
    expect(target?.argv.some((word) => word.startsWith('--rsync-path'))).toBe(false);
  });

  it('plan › every target gets its own command; IPv6 hosts are bracketed', () => {
    const config = configOf([
      ...base,
      sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4', {
        command: '/usr/local/bin/rsync',
        targets: [
          { host: '2001:db8::2', user: 'routerd', options: ['--timeout=30', '-v'], sshOptions: ['-o', 'ProxyCommand=ssh -W %h:%p jump'] },
          { name: 'b', host: '198.51.100.2', sshOptions: ['-o', 'ConnectTimeout=3', '-o', 'ControlMaster=no'] },
        ],
      }),
    ]);
    const [first, second] = planSyncs(config, { dirs })[0]?.targets ?? [];
    expect(first?.name).toBe('2001:db8::2');
    expect(first?.destination).toBe('routerd@[2001:db8::2]:/var/lib/routerd/dnsmasq/dnsmasq.leases');
    expect(first?.handbackArgv.at(-1)).toBe('routerd@[2001:db8::2]:/var/lib/routerd/dnsmasq/dnsmasq.leases.routerd-handback');
    expect(first?.pullArgv.slice(0, 10)).toEqual(['/usr/local/bin/rsync', '-a', '--no-times', '--no-perms', '--no-owner', '--no-group', '--checksum', '--timeout=30', '-v', '-e']);
    expect(first?.pullArgv.at(-2)).toBe('routerd@[2001:db8::2]:/var/lib/routerd/dnsmasq/dnsmasq.leases');
    expect(first?.argv.slice(0, 11)).toEqual(['/usr/local/bin/rsync', '-a', '--no-times', '--no-perms', '--no-owner', '--no-group', '--checksum', '--delay-updates', '--timeout=30', '-v', '-e']);
    expect(splitRshCommand(first?.sshCommand ?? '').slice(-2)).toEqual(['-o', 'ProxyCommand=ssh -W %h:%p jump']);
    expect(first?.sshCommand).toContain(`'ProxyCommand=ssh -W %h:%p jump'`);
    expect(second).toMatchObject({ name: 'b', host: '198.51.100.2', sshCommand: 'ssh -o BatchMode=yes -o ServerAliveInterval=5 -o ServerAliveCountMax=3 -o ConnectTimeout=3 -o ControlMaster=no' });
    expect(second).not.toHaveProperty('user');
  });

  it('plan › reuseConnections false leaves ssh multiplexing out', () => {
    const [job] = planSyncs(configOf([...base, sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4')]), { dirs, reuseConnections: false });
    expect(job?.targets[0]?.sshCommand).toBe('ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5 -o ServerAliveCountMax=3');
  });

  it('plan › a configuration without syncs plans nothing, whatever the runtime dir', () => {
    expect(planSyncs(configOf(base), { dirs: { stateDir: '/s', runtimeDir: `/${'x'.repeat(200)}` } })).toEqual([]);
  });

  it('plan › a runtime dir too long for ssh sockets is an error', () => {
    const config = configOf([...base, sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4')]);
    expect(() => planSyncs(config, { dirs: { stateDir: '/s', runtimeDir: `/${'x'.repeat(60)}` } })).toThrow(/set ROUTERD_RUNTIME_DIR to a shorter path/);
  });

  it('plan › refuses relative dirs, naming the option', () => {
    expect(() => planSyncs(configOf(base), { dirs: { stateDir: 'state', runtimeDir: '/run' } })).toThrow(
      new PlanError('expected options.dirs.stateDir to be an absolute path, found "state"'),
    );
  });

  it('plan › refuses a source of the wrong kind, naming the resource and field', () => {
    const config = configOf([...base, sync('DHCPv4ServerLeaseSync', 'v4', 'DHCPv6Server/lan-dhcpv6')]);
    expect(() => planSyncs(config, { dirs })).toThrow(
      'net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/v4 spec.source.resource expected a DHCPv4Server, found "DHCPv6Server/lan-dhcpv6"',
    );
  });

  it('plan › refuses a source that is not declared', () => {
    const config = configOf([...base, sync('DHCPv6PrefixDelegationLeaseSync', 'pd', 'missing-pd')]);
    expect(() => planSyncs(config, { dirs })).toThrow(
      'net.routerd.net/v1alpha1/DHCPv6PrefixDelegationLeaseSync/pd spec.source.resource names DHCPv6PrefixDelegation/missing-pd, which is not declared',
    );
  });
});
