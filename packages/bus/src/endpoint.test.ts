import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { decodeRequest, defineEndpoint, describeFilter, selectItems } from './endpoint.js';
import { ResourceNotFoundError } from './endpoint-errors.js';
import { leaseWatcherFilesEndpoint, vipWatcherRolesEndpoint } from './endpoints.js';
import { sampleLeaseFileEvent, sampleVipRoleEvent } from './schemas/samples.js';

const lan = { ...sampleVipRoleEvent, name: 'lan-vip' };
const wan = { ...sampleVipRoleEvent, name: 'wan-vip', role: 'backup' as const };
const v4 = sampleLeaseFileEvent;
const v6 = { ...sampleLeaseFileEvent, kind: 'DHCPv6Server' as const, name: 'lan-dhcpv6' };

describe('endpoint', () => {
  it('endpoint › no filter answers every item, possibly none', () => {
    expect(selectItems(vipWatcherRolesEndpoint, 'r1', [lan, wan], {})).toEqual([lan, wan]);
    expect(selectItems(vipWatcherRolesEndpoint, 'r1', [], {})).toEqual([]);
  });

  it('endpoint › a filter answers the items it matches', () => {
    expect(selectItems(vipWatcherRolesEndpoint, 'r1', [lan, wan], { name: 'wan-vip' })).toEqual([wan]);
    expect(selectItems(leaseWatcherFilesEndpoint, 'r1', [v4, v6], { kind: 'DHCPv6Server' })).toEqual([v6]);
    expect(selectItems(leaseWatcherFilesEndpoint, 'r1', [v4, v6], { kind: 'DHCPv4Server', name: 'lan-dhcpv4' })).toEqual([v4]);
  });

  it('endpoint › a filter that matches nothing is not found, naming kind, name, node and what there is', () => {
    expect(() => selectItems(vipWatcherRolesEndpoint, 'r1', [lan, wan], { name: 'dmz-vip' })).toThrow(
      new ResourceNotFoundError('VirtualAddress/dmz-vip', 'r1', ['lan-vip', 'wan-vip']),
    );
    expect(() => selectItems(vipWatcherRolesEndpoint, 'r1', [lan, wan], { name: 'dmz-vip' })).toThrow('no VirtualAddress/dmz-vip on node r1; known: lan-vip, wan-vip');
    expect(() => selectItems(vipWatcherRolesEndpoint, 'r1', [], { name: 'x' })).toThrow('no VirtualAddress/x on node r1; known: none');
    expect(() => selectItems(leaseWatcherFilesEndpoint, 'router-a', [v4], { kind: 'DHCPv6Server' })).toThrow(
      'no DHCPv6Server/* on node router-a; known: DHCPv4Server/lan-dhcpv4',
    );
    expect(() => selectItems(leaseWatcherFilesEndpoint, 'router-a', [v4], { name: 'wan' })).toThrow('no lease source/wan on node router-a; known: DHCPv4Server/lan-dhcpv4');
  });

  it('endpoint › the asking side names the resource without the list', () => {
    expect(new ResourceNotFoundError(describeFilter(vipWatcherRolesEndpoint, { name: 'x' }), 'r1')).toMatchObject({
      name: 'ResourceNotFoundError',
      message: 'no VirtualAddress/x on node r1',
      resource: 'VirtualAddress/x',
      node: 'r1',
    });
  });

  it('endpoint › a definition gets its service, type, titles and subject from area and name', () => {
    const endpoint = defineEndpoint({
      area: 'vip-watcher',
      name: 'probe-state',
      serviceDescription: 'test',
      description: 'Probes.',
      request: z.strictObject({ name: z.string().optional() }),
      item: z.strictObject({ name: z.string() }),
      noun: 'Probe',
      key: (item) => ({ name: item.name }),
    });
    expect(endpoint).toMatchObject({ service: 'routerd-vip-watcher', type: 'vip-watcher.probe-state' });
    expect(endpoint.subject('r1')).toBe('routerd.r1.vip-watcher.probe-state');
    expect(endpoint.request.meta()).toEqual({ title: 'VipWatcherProbeStateRequest', description: 'Probes. An empty body means {}.' });
    expect(endpoint.response.meta()?.title).toBe('VipWatcherProbeStateResponse');
    expect(decodeRequest(endpoint, '[]', 'x')).toMatchObject({ ok: false, error: { message: expect.stringContaining('expected JSON matching VipWatcherProbeStateRequest') } });
  });
});
