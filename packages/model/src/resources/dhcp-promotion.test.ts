import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../load/diagnostic.js';
import { loadConfig } from '../load/load-config.js';
import { resourceYaml } from '../testing/index.js';
import { dhcpServerPromotionSpecSchema, parseServerRef, programProblem, promotedServers } from './dhcp-promotion.js';

const START = '[systemctl, restart, dnsmasq-routerd.service]';
const STOP = '[systemctl, stop, dnsmasq-routerd.service]';
const CHECK = '[systemctl, is-active, --quiet, dnsmasq-routerd.service]';

function problems(spec: string): string[] {
  return loadConfig([{ file: 'p.yaml', text: resourceYaml('DHCPServerPromotion', 'p', spec) }])
    .diagnostics.filter((d) => d.severity === 'error' && !d.message.includes('declared'))
    .map(formatDiagnostic);
}

describe('dhcp promotion schema', () => {
  it('dhcp promotion › defaults: checkInterval 10s, settle 3s, no logs, every server', () => {
    const spec = dhcpServerPromotionSpecSchema.parse({ virtualAddress: 'lan-vip', start: ['systemctl', 'restart', 'd'], stop: ['/bin/systemctl', 'stop', 'd'], check: ['systemctl', 'is-active', 'd'] });
    expect(spec).toEqual({
      virtualAddress: 'lan-vip',
      start: ['systemctl', 'restart', 'd'],
      stop: ['/bin/systemctl', 'stop', 'd'],
      check: ['systemctl', 'is-active', 'd'],
      checkInterval: '10s',
      settle: '3s',
    });
  });

  it('dhcp promotion › start, stop and check are required; a missing check says why it is needed', () => {
    expect(problems('{ virtualAddress: lan-vip }')).toEqual([
      'p.yaml:4:3: net.routerd.net/v1alpha1/DHCPServerPromotion/p spec.start: is required (expected a list)',
      'p.yaml:4:3: net.routerd.net/v1alpha1/DHCPServerPromotion/p spec.stop: is required (expected a list)',
      'p.yaml:4:3: net.routerd.net/v1alpha1/DHCPServerPromotion/p spec.check: is required (expected a command that exits 0 while the DHCP server runs, e.g. [systemctl, is-active, --quiet, dnsmasq-routerd.service]): Serving means the server was seen running after its start, so check runs after every start',
    ]);
    // Only a missing check gets that text; a check of the wrong type reads as any other field.
    expect(problems(`{ virtualAddress: v, start: ${START}, stop: ${STOP}, check: systemctl }`).map((p) => p.replace(/^p\.yaml:\d+:\d+: \S+ /, ''))).toEqual([
      'spec.check: expected a list, found "systemctl"',
    ]);
  });

  it('dhcp promotion › logs is an optional argv, checked as the others', () => {
    const logs = "[journalctl, -u, dnsmasq-routerd.service, -n, '20', --no-pager, -o, cat]";
    expect(problems(`{ virtualAddress: v, start: ${START}, stop: ${STOP}, check: ${CHECK}, logs: ${logs} }`)).toEqual([]);
    expect(problems(`{ virtualAddress: v, start: ${START}, stop: ${STOP}, check: ${CHECK}, logs: ["journalctl -u x", "-n\\n2"] }`).map((p) => p.replace(/^p\.yaml:\d+:\d+: \S+ /, ''))).toEqual([
      'spec.logs[0]: expected an absolute path or a bare program name (no "/" unless absolute, no whitespace, not starting with "-"), found "journalctl -u x"',
      'spec.logs[1]: must be a single argument without newlines, found "-n\\n2"',
    ]);
  });

  it('dhcp promotion › argv elements are single arguments and argv[0] is an absolute path or a bare name', () => {
    expect(problems(`{ virtualAddress: v, start: [], stop: ["systemctl\\nstop"], check: ["./check.sh"] }`)).toEqual([
      'p.yaml:4:30: net.routerd.net/v1alpha1/DHCPServerPromotion/p spec.start: expected a command as a list of arguments, e.g. [systemctl, restart, dnsmasq-routerd.service], found an empty list',
      'p.yaml:4:48: net.routerd.net/v1alpha1/DHCPServerPromotion/p spec.stop[0]: must be a single argument without newlines, found "systemctl\\nstop"',
      'p.yaml:4:76: net.routerd.net/v1alpha1/DHCPServerPromotion/p spec.check[0]: expected an absolute path or a bare program name (no "/" unless absolute, no whitespace, not starting with "-"), found "./check.sh"',
    ]);
    expect(problems(`{ virtualAddress: v, start: ["-x"], stop: ["run it"], check: [systemctl, ""] }`).map((p) => p.replace(/^p\.yaml:\d+:\d+: \S+ /, ''))).toEqual([
      'spec.start[0]: expected an absolute path or a bare program name (no "/" unless absolute, no whitespace, not starting with "-"), found "-x"',
      'spec.stop[0]: expected an absolute path or a bare program name (no "/" unless absolute, no whitespace, not starting with "-"), found "run it"',
      'spec.check[1]: must not be empty',
    ]);
  });

  it('dhcp promotion › durations and servers are checked', () => {
    const bad = `{ virtualAddress: v, start: ${START}, stop: ${STOP}, check: ${CHECK}, checkInterval: 0s, settle: soon, servers: [lan-dhcpv4] }`;
    expect(problems(bad).map((p) => p.replace(/^p\.yaml:\d+:\d+: \S+ /, ''))).toEqual([
      'spec.checkInterval: expected a positive duration, found "0s"',
      'spec.settle: expected a duration such as "500ms", "30s", "1m30s" or "1h", found "soon" (cannot read "soon")',
      'spec.servers[0]: expected "DHCPv4Server/<name>" or "DHCPv6Server/<name>", found "lan-dhcpv4"',
    ]);
    expect(problems(`{ virtualAddress: v, start: ${START}, stop: ${STOP}, check: ${CHECK}, servers: [], extra: 1 }`).map((p) => p.replace(/^p\.yaml:\d+:\d+: \S+ /, ''))).toEqual([
      'spec.servers: expected at least one server (leave servers out for every DHCPv4Server and DHCPv6Server), found an empty list',
      'spec.extra: unknown field "extra", expected one of virtualAddress, servers, start, stop, check, logs, checkInterval, settle',
    ]);
  });

  it('dhcp promotion › programProblem, parseServerRef and promotedServers', () => {
    expect(programProblem('/usr/bin/systemctl')).toBeUndefined();
    expect(programProblem('systemctl')).toBeUndefined();
    expect(programProblem('bin/x')).toContain('found "bin/x"');
    expect(parseServerRef('DHCPv6Server/lan-dhcpv6')).toEqual({ kind: 'DHCPv6Server', name: 'lan-dhcpv6' });
    const resources = [
      { kind: 'Interface', metadata: { name: 'lan' } },
      { kind: 'DHCPv4Server', metadata: { name: 'a' } },
      { kind: 'DHCPv6Server', metadata: { name: 'b' } },
      { kind: 'DHCPv6PrefixDelegation', metadata: { name: 'c' } },
    ];
    expect(promotedServers({}, resources)).toEqual([
      { kind: 'DHCPv4Server', name: 'a' },
      { kind: 'DHCPv6Server', name: 'b' },
    ]);
    expect(promotedServers({ servers: ['DHCPv6Server/b'] }, resources)).toEqual([{ kind: 'DHCPv6Server', name: 'b' }]);
  });
});
