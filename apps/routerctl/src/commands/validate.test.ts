import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIo, type MemoryIoOptions } from '../testing/memory-io.js';

const IFACES = `- apiVersion: net.routerd.net/v1alpha1
  kind: Interface
  metadata: { name: lan }
  spec: { ifname: eth1 }
- apiVersion: net.routerd.net/v1alpha1
  kind: Interface
  metadata: { name: wan }
  spec: { ifname: eth0 }
`;

const DMZ = `- apiVersion: net.routerd.net/v1alpha1
  kind: Interface
  metadata: { name: lan }
  spec: { ifname: eth9 }
- apiVersion: net.routerd.net/v1alpha1
  kind: Interface
  metadata: { name: dmz }
  spec: { ifname: eth2 }
`;

const INVALID = `- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv4ServerLeaseSync
  metadata: { name: lan-v4-leases }
  spec:
    source: { resource: DHCPv4Server/missing }
    intervall: 30s
    targets:
      - host: "-oProxyCommand=x"
`;

const DANGLING = `- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv4ServerLeaseSync
  metadata: { name: lan-v4-leases }
  spec:
    source: { resource: DHCPv4Server/missing }
    targets: [{ host: standby.example }]
    when: { state: { VirtualAddress/vip.role: { equals: master } } }
`;

const UNGATED = `${IFACES}- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv6PrefixDelegation
  metadata: { name: wan-pd }
  spec: { interface: wan }
- apiVersion: net.routerd.net/v1alpha1
  kind: DHCPv6PrefixDelegationLeaseSync
  metadata: { name: wan-pd-lease }
  spec:
    source: { resource: wan-pd }
    targets: [{ host: standby.example }]
`;

const REPLACING = `${UNGATED}    delivery: replace
`;

async function run(argv: string[], options: MemoryIoOptions = {}) {
  const io = memoryIo({ cwd: '/work', ...options, env: { ROUTERD_CONFIG: '/etc/routerd/router.yaml', ...options.env } });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

interface Report {
  valid: boolean;
  resources: { id: string; file: string }[];
  diagnostics: { severity: string; file: string; line: number; message: string }[];
}

const id = (kind: string, name: string) => `net.routerd.net/v1alpha1/${kind}/${name}`;

describe('routerctl validate', () => {
  it('validate › accepts a valid file, summary on stdout', async () => {
    const { code, out, err } = await run(['validate', '-f', 'ifaces.yaml', '--replace'], { files: { '/work/ifaces.yaml': IFACES } });
    expect(code).toBe(0);
    expect(out).toBe('valid: 2 resources, 0 warnings\n');
    expect(err).toBe('');
  });

  it('validate › reports every problem with file, line and column, and exits 1', async () => {
    const { code, out, err } = await run(['validate', '-f', 'bad.yaml', '--replace'], { files: { '/work/bad.yaml': INVALID } });
    expect(code).toBe(1);
    expect(out).toBe('invalid: 2 errors, 0 warnings\n');
    const sync = id('DHCPv4ServerLeaseSync', 'lan-v4-leases');
    expect(err.trimEnd().split('\n')).toEqual([
      `bad.yaml:6:5: ${sync} spec.intervall: unknown field "intervall" (did you mean "interval"?)`,
      `bad.yaml:8:15: ${sync} spec.targets[0].host: must not start with "-" (ssh would read it as an option), found "-oProxyCommand=x"`,
    ]);
  });

  it('validate › reports references to resources that are not declared', async () => {
    const { code, out, err } = await run(['validate', '-f', 'ref.yaml', '--replace'], { files: { '/work/ref.yaml': DANGLING } });
    expect(code).toBe(1);
    expect(out).toBe('invalid: 2 errors, 0 warnings\n');
    expect(err).toContain('ref.yaml:5:');
    expect(err).toContain('spec.source.resource: expected the name of a declared DHCPv4Server');
    expect(err).toContain('found "missing"');
    expect(err).toMatch(/ref\.yaml:7:\d+: .*VirtualAddress/);
  });

  it('validate › prints warnings on stderr and still exits 0', async () => {
    const { code, out, err } = await run(['validate', '-f', 'replacing.yaml', '--replace'], { files: { '/work/replacing.yaml': REPLACING } });
    expect(code).toBe(0);
    expect(out).toBe('valid: 4 resources, 1 warning\n');
    expect(err).toMatch(/^replacing\.yaml:\d+:\d+: warning: .*spec\.when: .*with delivery replace the backup node pushes its stale leases too.*\n$/);
  });

  it('validate › a sync without a when gate is an error with delivery merge: it names the resource and field, why, and both fixes', async () => {
    const { code, out, err } = await run(['validate', '-f', 'ungated.yaml', '--replace'], { files: { '/work/ungated.yaml': UNGATED } });
    expect(code).toBe(1);
    expect(out).toBe('invalid: 1 error, 0 warnings\n');
    expect(err).toBe(
      `ungated.yaml:16:3: ${id('DHCPv6PrefixDelegationLeaseSync', 'wan-pd-lease')} spec.when: expected a when gate such as when: {state: {"VirtualAddress/<name>.role": {equals: master}}}, found none: without it the backup would overwrite the master's file; add the gate, or set delivery: replace to push from every node on purpose\n`,
    );
  });

  it('validate › -o json prints one object with the diagnostics', async () => {
    const { code, out, err } = await run(['validate', '-f', 'bad.yaml', '--replace', '-o', 'json'], { files: { '/work/bad.yaml': INVALID } });
    expect(code).toBe(1);
    expect(err).toBe('');
    const report = JSON.parse(out) as Report;
    expect(report.valid).toBe(false);
    expect(report.diagnostics).toHaveLength(2);
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', file: 'bad.yaml' });
  });

  it('validate › names the path and the OS error of an unreadable file, exit 2', async () => {
    const missing = await run(['validate', '-f', 'nope.yaml', '--replace']);
    expect(missing).toEqual({ code: 2, out: '', err: 'routerctl: cannot read nope.yaml: no such file or directory (ENOENT)\n' });
    const locked = await run(['validate', '-f', '/etc/shadow.yaml'], { files: { '/etc/shadow.yaml': { error: 'EACCES' } } });
    expect(locked.code).toBe(2);
    expect(locked.err).toBe('routerctl: cannot read /etc/shadow.yaml: permission denied (EACCES)\n');
  });

  it('validate › "-" reads standard input', async () => {
    const { code, out } = await run(['validate', '-f', '-', '--replace', '-o', 'json'], { stdin: IFACES });
    expect(code).toBe(0);
    const report = JSON.parse(out) as Report;
    expect(report.resources).toEqual([
      { id: id('Interface', 'lan'), file: '<stdin>' },
      { id: id('Interface', 'wan'), file: '<stdin>' },
    ]);
  });

  it('validate › merges into the current configuration: same kind/name replaces, others append', async () => {
    const files = { '/etc/routerd/router.yaml': IFACES, '/work/dmz.yaml': DMZ };
    const { code, out } = await run(['validate', '-f', 'dmz.yaml', '-o', 'json'], { files });
    expect(code).toBe(0);
    const { resources } = JSON.parse(out) as Report;
    expect(resources).toHaveLength(3);
    expect(resources).toEqual(
      expect.arrayContaining([
        { id: id('Interface', 'lan'), file: 'dmz.yaml' },
        { id: id('Interface', 'wan'), file: '/etc/routerd/router.yaml' },
        { id: id('Interface', 'dmz'), file: 'dmz.yaml' },
      ]),
    );
  });

  it('validate › --replace ignores the current configuration', async () => {
    const files = { '/etc/routerd/router.yaml': IFACES, '/work/dmz.yaml': DMZ };
    const { out } = await run(['validate', '-f', 'dmz.yaml', '--replace', '-o', 'json'], { files });
    expect((JSON.parse(out) as Report).resources.map((r) => r.file)).toEqual(['dmz.yaml', 'dmz.yaml']);
  });

  it('validate › --config names the current configuration; a missing one counts as empty', async () => {
    const files = { '/srv/current.yaml': IFACES, '/work/dmz.yaml': DMZ };
    const merged = await run(['validate', '-f', 'dmz.yaml', '--config', '/srv/current.yaml'], { files });
    expect(merged).toEqual({ code: 0, out: 'valid: 3 resources, 0 warnings\n', err: '' });
    const alone = await run(['validate', '-f', 'dmz.yaml', '--config', '/srv/none.yaml'], { files });
    expect(alone).toEqual({ code: 0, out: 'valid: 2 resources, 0 warnings\n', err: '' });
  });

  it('validate › $ROUTERD_CONFIG names the current configuration', async () => {
    const files = { '/srv/env.yaml': IFACES, '/work/dmz.yaml': DMZ };
    const { out } = await run(['validate', '-f', 'dmz.yaml'], { files, env: { ROUTERD_CONFIG: '/srv/env.yaml' } });
    expect(out).toBe('valid: 3 resources, 0 warnings\n');
  });

  it('validate › an unreadable current configuration is exit 2', async () => {
    const files = { '/etc/routerd/router.yaml': { error: 'EISDIR' }, '/work/dmz.yaml': DMZ };
    const { code, err } = await run(['validate', '-f', 'dmz.yaml'], { files });
    expect(code).toBe(2);
    expect(err).toBe(
      'routerctl: cannot read the current configuration /etc/routerd/router.yaml: illegal operation on a directory (EISDIR)\n',
    );
  });

  it('validate › errors in the current configuration are reported against its file', async () => {
    const files = { '/etc/routerd/router.yaml': INVALID, '/work/dmz.yaml': DMZ };
    const { code, err } = await run(['validate', '-f', 'dmz.yaml'], { files });
    expect(code).toBe(1);
    expect(err).toContain('/etc/routerd/router.yaml:6:');
  });
});
