import { describe, expect, it } from 'vitest';
import type { LoadedResource } from './loaded-resource.js';
import { mergeResources } from './merge-resources.js';

function iface(name: string, ifname: string, file = 'a.yaml'): LoadedResource {
  return {
    resource: { apiVersion: 'net.routerd.net/v1alpha1', kind: 'Interface', metadata: { name }, spec: { ifname } },
    file,
    locate: () => ({ line: 1, column: 1 }),
  };
}
function server(name: string): LoadedResource {
  return {
    resource: { apiVersion: 'net.routerd.net/v1alpha1', kind: 'DHCPv4Server', metadata: { name }, spec: { leaseTime: '12h' } },
    file: 'b.yaml',
    locate: () => ({ line: 1, column: 1 }),
  };
}
const show = (list: LoadedResource[]) => list.map((r) => `${r.resource.kind}/${r.resource.metadata.name}@${r.file}`);

describe('merge resources', () => {
  it('merge resources › a later resource with the same kind and name replaces the earlier one in place', () => {
    const merged = mergeResources([iface('lan', 'eth1'), iface('wan', 'eth0')], [iface('lan', 'eth9', 'b.yaml')]);
    expect(show(merged)).toEqual(['Interface/lan@b.yaml', 'Interface/wan@a.yaml']);
    expect(merged[0]?.resource.spec).toEqual({ ifname: 'eth9' });
  });

  it('merge resources › others append, and the same name in another kind is another resource', () => {
    expect(show(mergeResources([iface('lan', 'eth1')], [server('lan'), iface('dmz', 'eth2', 'b.yaml')]))).toEqual([
      'Interface/lan@a.yaml',
      'DHCPv4Server/lan@b.yaml',
      'Interface/dmz@b.yaml',
    ]);
  });

  it('merge resources › duplicates within the incoming list are kept for the duplicate check', () => {
    expect(show(mergeResources([iface('lan', 'eth1')], [iface('lan', 'eth2', 'b.yaml'), iface('lan', 'eth3', 'b.yaml')]))).toEqual([
      'Interface/lan@b.yaml',
      'Interface/lan@b.yaml',
    ]);
  });

  it('merge resources › leaves its inputs untouched', () => {
    const current = [iface('lan', 'eth1')];
    mergeResources(current, [iface('lan', 'eth2')]);
    expect(current[0]?.resource.spec).toEqual({ ifname: 'eth1' });
  });
});
