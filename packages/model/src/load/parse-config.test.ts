import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseConfigText } from './parse-config.js';

function problems(text: string): string[] {
  return parseConfigText({ file: 'router.yaml', text }).diagnostics.map(formatDiagnostic);
}

const ROUTER = `apiVersion: routerd.net/v1alpha1
kind: Router
metadata:
  name: dhcp-lease-sync-ha
spec:
  resources:
    - apiVersion: net.routerd.net/v1alpha1
      kind: Interface
      metadata: { name: lan }
      spec: { ifname: eth1 }
    - apiVersion: net.routerd.net/v1alpha1
      kind: DHCPv4ServerLeaseSync
      metadata: { name: lan-v4-leases }
      spec:
        source: { resource: DHCPv4Server/lan-dhcpv4 }
        targets:
          - host: routerd-standby.lan.example
`;

describe('parse config', () => {
  it('parse config › reads a Router document, its name and its resources with defaults applied', () => {
    const parsed = parseConfigText({ file: 'router.yaml', text: ROUTER });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.name).toBe('dhcp-lease-sync-ha');
    expect(parsed.resources.map((r) => `${r.resource.kind}/${r.resource.metadata.name}`)).toEqual(['Interface/lan', 'DHCPv4ServerLeaseSync/lan-v4-leases']);
    const sync = parsed.resources[1]?.resource;
    expect(sync?.kind === 'DHCPv4ServerLeaseSync' && sync.spec).toMatchObject({ interval: '30s', command: 'rsync' });
  });

  it('parse config › locates fields of a loaded resource', () => {
    const sync = parseConfigText({ file: 'router.yaml', text: ROUTER }).resources[1];
    expect(sync?.file).toBe('router.yaml');
    expect(sync?.locate(['spec', 'targets', 0, 'host'])).toEqual({ line: 17, column: 19 });
    expect(sync?.locate(['spec', 'when'])).toEqual({ line: 14, column: 7 });
    expect(sync?.locate([])).toEqual({ line: 11, column: 7 });
  });

  it('parse config › accepts a bare YAML list of resources, without a name', () => {
    const parsed = parseConfigText({
      file: 'extra.yaml',
      text: '- apiVersion: net.routerd.net/v1alpha1\n  kind: Interface\n  metadata: { name: wan }\n  spec: { ifname: eth0 }\n',
    });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.name).toBeUndefined();
    expect(parsed.resources.map((r) => r.resource.metadata.name)).toEqual(['wan']);
  });

  it('parse config › refuses an empty file', () => {
    expect(problems('')).toEqual([
      'router.yaml:1:1: expected a Router document (apiVersion routerd.net/v1alpha1, kind Router) or a YAML list of resources, found an empty document',
    ]);
    expect(problems('# only a comment\n')).toHaveLength(1);
  });

  it('parse config › refuses a scalar', () => {
    expect(problems('hello\n')).toEqual([
      'router.yaml:1:1: expected a Router document (apiVersion routerd.net/v1alpha1, kind Router) or a YAML list of resources, found "hello"',
    ]);
  });

  it('parse config › refuses a single resource mapping, saying how to write it', () => {
    const text = 'apiVersion: net.routerd.net/v1alpha1\nkind: Interface\nmetadata: { name: lan }\nspec: { ifname: eth1 }\n';
    expect(problems(text)).toEqual([
      'router.yaml:2:7: kind: expected a Router document (apiVersion routerd.net/v1alpha1, kind Router) or a YAML list of resources, found a mapping with kind "Interface"; write a single resource as a list item ("- apiVersion: ...") or put it under spec.resources',
    ]);
  });

  it('parse config › refuses a mapping that is nothing like a Router', () => {
    expect(problems('hello: world\n')).toEqual([
      'router.yaml:1:1: expected a Router document (apiVersion routerd.net/v1alpha1, kind Router) or a YAML list of resources, found a mapping with key hello',
    ]);
  });

  it('parse config › checks the Router apiVersion, kind and metadata.name', () => {
    const text = 'apiVersion: routerd.net/v1\nkind: Router\nmetadata: {}\nspec:\n  resources: []\n';
    expect(problems(text)).toEqual([
      'router.yaml:1:13: apiVersion: expected "routerd.net/v1alpha1", found "routerd.net/v1"',
      'router.yaml:3:1: metadata.name: is required (expected a string)',
    ]);
  });

  it('parse config › treats a kind-less mapping with the Router apiVersion as a Router', () => {
    const text = 'apiVersion: routerd.net/v1alpha1\nmetadata: { name: x }\nspec: { resources: [] }\n';
    expect(problems(text)).toEqual(['router.yaml:1:1: kind: is required (expected "Router")']);
  });

  it('parse config › requires spec.resources to be a list', () => {
    const base = 'apiVersion: routerd.net/v1alpha1\nkind: Router\nmetadata: { name: x }\n';
    expect(problems(`${base}spec: {}\n`)).toEqual(['router.yaml:4:1: spec.resources: is required (expected a list)']);
    expect(problems(`${base}spec:\n  resources: {}\n`)).toEqual(['router.yaml:5:3: spec.resources: expected a list, found an empty mapping']);
  });

  it('parse config › flags unknown Router fields with a suggestion', () => {
    const text = 'apiVersion: routerd.net/v1alpha1\nkind: Router\nmetadata: { name: x, lables: {} }\nspec: { resources: [] }\n';
    expect(problems(text)).toEqual(['router.yaml:3:22: metadata.lables: unknown field "lables" (did you mean "labels"?)']);
  });

  it('parse config › stops at YAML errors and returns no resources', () => {
    const parsed = parseConfigText({ file: 'router.yaml', text: `${ROUTER}  bad: [\n` });
    expect(parsed.resources).toEqual([]);
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^invalid YAML: /)]);
  });

  it('parse config › still validates the resources of a Router whose envelope is wrong', () => {
    const text = ROUTER.replace('kind: Router', 'kind: Router\nextra: 1').replace('ifname: eth1', 'ifname: ""');
    expect(problems(text)).toEqual([
      'router.yaml:3:1: extra: unknown field "extra", expected one of apiVersion, kind, metadata, spec',
      'router.yaml:11:23: net.routerd.net/v1alpha1/Interface/lan spec.ifname: expected a Linux interface name (1 to 15 characters, no whitespace, "/" or ":"), found an empty string',
    ]);
  });
});
