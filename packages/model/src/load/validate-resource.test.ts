import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseConfigText } from './parse-config.js';
import { validateResource } from './validate-resource.js';

function problems(text: string): string[] {
  return parseConfigText({ file: 'list.yaml', text }).diagnostics.map(formatDiagnostic);
}

const KIND_LIST =
  'Interface, VirtualAddress, DHCPv4Server, DHCPv6Server, DHCPv6PrefixDelegation, DHCPv4ServerLeaseSync, DHCPv6ServerLeaseSync, DHCPv6PrefixDelegationLeaseSync, DHCPServerPromotion';

describe('resource envelope', () => {
  it('resource envelope › accepts a valid resource and applies defaults', () => {
    const result = validateResource({
      apiVersion: 'net.routerd.net/v1alpha1',
      kind: 'DHCPv4Server',
      metadata: { name: 'lan-dhcpv4' },
      spec: {},
    });
    expect(result.problems).toEqual([]);
    expect(result.resourceId).toBe('net.routerd.net/v1alpha1/DHCPv4Server/lan-dhcpv4');
    expect(result.resource?.spec).toEqual({ leaseTime: '12h' });
  });

  it('resource envelope › checks the apiVersion once', () => {
    const text = '- apiVersion: routerd.net/v1alpha1\n  kind: Interface\n  metadata: { name: lan }\n  spec: { ifname: eth1 }\n';
    expect(problems(text)).toEqual([
      'list.yaml:1:15: routerd.net/v1alpha1/Interface/lan apiVersion: expected "net.routerd.net/v1alpha1", found "routerd.net/v1alpha1"',
    ]);
  });

  it('resource envelope › refuses an unknown kind, naming the supported kinds and the likely one', () => {
    const text = '- apiVersion: net.routerd.net/v1alpha1\n  kind: DHCPv4Sever\n  metadata: { name: lan }\n  spec: {}\n';
    expect(problems(text)).toEqual([
      `list.yaml:2:9: net.routerd.net/v1alpha1/DHCPv4Sever/lan kind: unknown kind "DHCPv4Sever" (did you mean "DHCPv4Server"?), expected one of ${KIND_LIST}`,
    ]);
    const far = '- apiVersion: net.routerd.net/v1alpha1\n  kind: Firewall\n  metadata: { name: fw }\n  spec: {}\n';
    expect(problems(far)).toEqual([`list.yaml:2:9: net.routerd.net/v1alpha1/Firewall/fw kind: unknown kind "Firewall", expected one of ${KIND_LIST}`]);
  });

  it('resource envelope › requires a kind and a name, using the document path when the id is unknown', () => {
    const text = '- apiVersion: net.routerd.net/v1alpha1\n  metadata: {}\n  spec: {}\n';
    expect(problems(text)).toEqual([
      `list.yaml:1:3: [0].kind: is required (expected one of ${KIND_LIST})`,
      'list.yaml:2:3: [0].metadata.name: is required (expected a string)',
    ]);
  });

  it('resource envelope › refuses a list item that is not a mapping', () => {
    expect(problems('- just text\n- null\n')).toEqual([
      'list.yaml:1:3: [0]: expected a resource (a mapping with apiVersion, kind, metadata and spec), found "just text"',
      'list.yaml:2:3: [1]: expected a resource (a mapping with apiVersion, kind, metadata and spec), found an empty value (null)',
    ]);
  });

  it('resource envelope › refuses a bad name and a missing spec', () => {
    const text = '- apiVersion: net.routerd.net/v1alpha1\n  kind: Interface\n  metadata: { name: LAN_1 }\n';
    expect(problems(text)).toEqual([
      'list.yaml:1:3: net.routerd.net/v1alpha1/Interface/LAN_1 spec: is required (expected a mapping)',
      'list.yaml:3:21: net.routerd.net/v1alpha1/Interface/LAN_1 metadata.name: expected a name of lower-case letters, digits, "-" and "." (at most 63, starting and ending alphanumeric), found "LAN_1"',
    ]);
  });

  it('resource envelope › reports the problems of every resource in one run', () => {
    const text = [
      '- apiVersion: net.routerd.net/v1alpha1',
      '  kind: Interface',
      '  metadata: { name: lan }',
      '  spec: { ifname: eth1, mtu: 100 }',
      '- apiVersion: net.routerd.net/v1alpha1',
      '  kind: VirtualAddress',
      '  metadata: { name: lan-vip }',
      '  spec:',
      '    interface: lan',
      '    family: ipv5',
      '    address: 192.0.2.1/24',
      '- apiVersion: net.routerd.net/v1alpha1',
      '  kind: DHCPv4ServerLeaseSync',
      '  metadata: { name: lan-v4-leases }',
      '  spec:',
      '    source: { resource: lan-dhcpv4 }',
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      'list.yaml:4:30: net.routerd.net/v1alpha1/Interface/lan spec.mtu: expected a number at least 576, found 100',
      'list.yaml:10:13: net.routerd.net/v1alpha1/VirtualAddress/lan-vip spec.family: expected one of "ipv4", "ipv6", found "ipv5"',
      'list.yaml:15:3: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases spec.targets: is required (expected a list)',
    ]);
  });
});
