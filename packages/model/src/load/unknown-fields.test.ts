import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseConfigText } from './parse-config.js';
import { resourceYaml } from '../testing/index.js';
import { validateWith } from './zod-issues.js';

function problems(text: string): string[] {
  return parseConfigText({ file: 'list.yaml', text }).diagnostics.map(formatDiagnostic);
}

const SYNC = (spec: string) => resourceYaml('DHCPv4ServerLeaseSync', 'lan-v4-leases', `\n${spec}`);
const ID = 'net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases';

describe('unknown fields', () => {
  it('unknown fields › suggests the field a near miss was meant to be', () => {
    const text = SYNC('    source: { resource: lan-dhcpv4 }\n    intervall: 10s\n    targets: [{ host: standby }]\n');
    expect(problems(text)).toEqual([`list.yaml:6:5: ${ID} spec.intervall: unknown field "intervall" (did you mean "interval"?)`]);
  });

  it('unknown fields › lists the allowed fields when nothing is close', () => {
    const text = SYNC('    source: { resource: lan-dhcpv4 }\n    targets: [{ host: standby, path: /var/lib/x }]\n');
    expect(problems(text)).toEqual([
      `list.yaml:6:32: ${ID} spec.targets[0].path: unknown field "path", expected one of name, host, user, sshOptions, options`,
    ]);
  });

  it('unknown fields › reports each unknown field of a mapping on its own key', () => {
    const text = SYNC('    source: { resource: lan-dhcpv4 }\n    targets: [{ host: standby }]\n    comand: rsync\n    wehn:\n      state: {}\n');
    expect(problems(text)).toEqual([
      `list.yaml:7:5: ${ID} spec.comand: unknown field "comand" (did you mean "command"?)`,
      `list.yaml:8:5: ${ID} spec.wehn: unknown field "wehn" (did you mean "when"?)`,
    ]);
  });

  it('unknown fields › finds unknown fields at the top of a resource and deep inside `when`', () => {
    const text = [
      '- apiVersion: net.routerd.net/v1alpha1',
      '  kind: Interface',
      '  metadata: { name: lan }',
      '  spec: { ifname: eth1 }',
      '  status: {}',
      '- apiVersion: net.routerd.net/v1alpha1',
      '  kind: DHCPv4ServerLeaseSync',
      '  metadata: { name: s }',
      '  spec:',
      '    source: { resource: lan-dhcpv4 }',
      '    targets: [{ host: standby }]',
      '    when:',
      '      all:',
      '        - state:',
      '            VirtualAddress/lan-vip.role: { equal: master }',
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      'list.yaml:5:3: net.routerd.net/v1alpha1/Interface/lan status: unknown field "status", expected one of apiVersion, kind, metadata, spec',
      'list.yaml:15:13: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/s spec.when.all[0].state["VirtualAddress/lan-vip.role"]: expected at least one of equals, in, contains, exists, status, for, maxAge, found a mapping with key equal',
      'list.yaml:15:44: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/s spec.when.all[0].state["VirtualAddress/lan-vip.role"].equal: unknown field "equal" (did you mean "equals"?)',
    ]);
  });

  it('unknown fields › come out of validateWith with their allowed fields', () => {
    const result = validateWith(z.strictObject({ alpha: z.string().optional() }), { alhpa: 'x', zzz: 1 });
    expect(result.problems).toEqual([
      { path: ['alhpa'], at: 'key', message: 'unknown field "alhpa" (did you mean "alpha"?)' },
      { path: ['zzz'], at: 'key', message: 'unknown field "zzz", expected one of alpha' },
    ]);
  });
});
