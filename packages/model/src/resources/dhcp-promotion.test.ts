import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../load/diagnostic.js';
import { loadConfig } from '../load/load-config.js';
import { resourceYaml } from '../testing/index.js';
import { dhcpServerPromotionSpecSchema, parseServerRef, programProblem, promotedServers } from './dhcp-promotion.js';

const START = '[systemctl, restart, dnsmasq-routerd.service]';
const STOP = '[systemctl, stop, dnsmasq-routerd.service]';

function problems(spec: string): string[] {
  return loadConfig([{ file: 'p.yaml', text: resourceYaml('DHCPServerPromotion', 'p', spec) }])
    .diagnostics.filter((d) => d.severity === 'error' && !d.message.includes('declared'))
    .map(formatDiagnostic);
}

describe('dhcp promotion schema', () => {
  it('dhcp promotion › defaults: checkInterval 10s, settle 1s, no check, every server', () => {
    const spec = dhcpServerPromotionSpecSchema.parse({ virtualAddress: 'lan-vip', start: ['systemctl', 'restart', 'd'], stop: ['/bin/systemctl', 'stop', 'd'] });
    expect(spec).toEqual({ virtualAddress: 'lan-vip', start: ['systemctl', 'restart', 'd'], stop: ['/bin/systemctl', 'stop', 'd'], checkInterval: '10s', settle: '1s' });
  });

  it('dhcp promotion › start and stop are required', () => {
    expect(problems('{ virtualAddress: lan-vip }')).toEqual([
      'p.yaml:4:3: net.routerd.net/v1alpha1/DHCPServerPromotion/p spec.start: is required (expected a list)',
      'p.yaml:4:3: net.routerd.net/v1alpha1/DHCPServerPromotion/p spec.stop: is required (expected a list)',
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
    const bad = `{ virtualAddress: v, start: ${START}, stop: ${STOP}, checkInterval: 0s, settle: soon, servers: [lan-dhcpv4] }`;
    expect(problems(bad).map((p) => p.replace(/^p\.yaml:\d+:\d+: \S+ /, ''))).toEqual([
      'spec.checkInterval: expected a positive duration, found "0s"',
      'spec.settle: expected a duration such as "500ms", "30s", "1m30s" or "1h", found "soon" (cannot read "soon")',
      'spec.servers[0]: expected "DHCPv4Server/<name>" or "DHCPv6Server/<name>", found "lan-dhcpv4"',
    ]);
    expect(problems(`{ virtualAddress: v, start: ${START}, stop: ${STOP}, servers: [], extra: 1 }`).map((p) => p.replace(/^p\.yaml:\d+:\d+: \S+ /, ''))).toEqual([
      'spec.servers: expected at least one server (leave servers out for every DHCPv4Server and DHCPv6Server), found an empty list',
      'spec.extra: unknown field "extra", expected one of virtualAddress, servers, start, stop, check, checkInterval, settle',
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
