import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIo } from '../testing/memory-io.js';
import { GOLDEN_ENV, REPO_ROOT, repoFiles } from '../testing/repo-files.js';

const EXAMPLE = 'examples/dhcp-lease-sync-ha.yaml';
const VARIETY = 'apps/routerctl/test-fixtures/variety.yaml';

async function run(argv: string[], env: Record<string, string> = GOLDEN_ENV, files: Record<string, string> = {}) {
  const io = memoryIo({ cwd: REPO_ROOT, env, files: { ...repoFiles(EXAMPLE, VARIETY), ...files } });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('routerctl plan', () => {
  it.each(['table', 'json', 'yaml'])('plan › example as %s matches the golden file', async (format) => {
    const { code, out, err } = await run(['plan', '-f', EXAMPLE, '--replace', '-o', format]);
    expect(code).toBe(0);
    expect(err).toMatch(/^(\S+:\d+:\d+: warning: .*\n)*$/);
    await expect(out).toMatchFileSnapshot(`../__golden__/plan-ha.${format === 'table' ? 'txt' : format}`);
  });

  it('plan › table is the default and shows paths, gates, the delivery and the exact push, handback and pull', async () => {
    const { out } = await run(['plan', '-f', EXAMPLE, '--replace']);
    expect(out).toContain('  path      /srv/routerd/state/dnsmasq/dnsmasq.leases');
    expect(out).toContain('  path      /srv/routerd/state/dhcpv6-client/wan-pd/lease.json');
    expect(out).toContain('  when      VirtualAddress/lan-vip.role equals master');
    expect(out).toContain('routerd@routerd-standby.lan.example:/srv/routerd/state/dnsmasq/dnsmasq.leases');
    expect(out).toContain('  delivery  merge ');
    expect(out).toMatch(/^ {4}push {6}rsync -a --no-times --no-perms --no-owner --no-group --checksum --delay-updates .*ConnectTimeout=5/m);
    expect(out).toMatch(/^ {4}handback {2}rsync .* routerd@routerd-standby\.lan\.example:\/srv\/routerd\/state\/dnsmasq\/dnsmasq\.leases\.routerd-handback$/m);
    expect(out).toMatch(/^ {4}pull {6}rsync .* routerd@routerd-standby\.lan\.example:\/srv\/routerd\/state\/dnsmasq\/dnsmasq\.leases \/srv\/routerd\/state\/dnsmasq\/\.routerd-inbox\/dnsmasq\.leases\.pulled$/m);
    expect(out).not.toContain('--rsync-path');
  });

  it('plan › a bare list with overrides, IPv6 targets and nested gates matches the golden file', async () => {
    const { code, out } = await run(['plan', '-f', VARIETY, '--replace']);
    expect(code).toBe(0);
    await expect(out).toMatchFileSnapshot('../__golden__/plan-variety.txt');
  });

  it('plan › json carries argv and the command line of every target', async () => {
    const { out } = await run(['plan', '-f', EXAMPLE, '--replace', '-o', 'json']);
    const plan = JSON.parse(out) as { syncs: { id: string; targets: { argv: string[]; command: string }[] }[] };
    expect(plan.syncs.map((s) => s.id)).toEqual([
      'DHCPv4ServerLeaseSync/lan-v4-leases',
      'DHCPv6ServerLeaseSync/lan-v6-leases',
      'DHCPv6PrefixDelegationLeaseSync/wan-pd-lease',
    ]);
    for (const sync of plan.syncs) {
      for (const target of sync.targets) expect(target.argv[0]).toBe('rsync');
    }
  });

  it('plan › default paths without the environment overrides', async () => {
    const { out } = await run(['plan', '-f', EXAMPLE, '--replace'], {});
    expect(out).toContain('  path      /var/lib/routerd/dnsmasq/dnsmasq.leases');
  });

  it('plan › refuses an invalid configuration with its diagnostics, exit 1', async () => {
    const bad = { [`${REPO_ROOT}bad.yaml`]: '- kind: Nope\n' };
    const { code, out, err } = await run(['plan', '-f', 'bad.yaml', '--replace'], GOLDEN_ENV, bad);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^bad\.yaml:1:\d+: /);
    expect(err).toMatch(/invalid: \d+ errors?, \d+ warnings?\n$/);
  });

  it('plan › says so when nothing is to be synced', async () => {
    const empty = { [`${REPO_ROOT}empty.yaml`]: '- apiVersion: net.routerd.net/v1alpha1\n  kind: Interface\n  metadata: { name: lan }\n  spec: { ifname: eth1 }\n' };
    const { code, out } = await run(['plan', '-f', 'empty.yaml', '--replace'], GOLDEN_ENV, empty);
    expect(code).toBe(0);
    expect(out).toBe('no lease syncs configured\n');
  });

  it('plan › a relative ROUTERD_STATE_DIR is an input error naming the variable, exit 2', async () => {
    const { code, out, err } = await run(['plan', '-f', EXAMPLE, '--replace'], { ROUTERD_STATE_DIR: 'state' });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^routerctl: .*ROUTERD_STATE_DIR.*"state"/);
  });

  it('plan › a runtime dir too long for ssh control sockets is an input error, exit 2', async () => {
    const env = { ...GOLDEN_ENV, ROUTERD_RUNTIME_DIR: `/run/${'x'.repeat(60)}` };
    const { code, out, err } = await run(['plan', '-f', EXAMPLE, '--replace'], env);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^routerctl: cannot plan: ssh control sockets .* set ROUTERD_RUNTIME_DIR to a shorter path/m);
  });
});
