import { describe, expect, it } from 'vitest';
import { decodeReply, decodeRequest } from './endpoint.js';
import { dhcpPromoterStatusEndpoint, ENDPOINTS, leaseWatcherFilesEndpoint, syncerStatusEndpoint, vipWatcherRolesEndpoint } from './endpoints.js';
import { sampleLeaseFileEvent, sampleSyncStatus, sampleVipRoleEvent } from './schemas/samples.js';
import { parseSubject } from './subjects.js';

const NODE_PROBLEM = 'node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found';

describe('endpoints', () => {
  it.each([
    ['syncer.status', syncerStatusEndpoint, 'routerd-syncer', 'routerd.r1.syncer', 'routerd.r1.syncer.status'],
    ['vip-watcher.roles', vipWatcherRolesEndpoint, 'routerd-vip-watcher', 'routerd.r1.vip-watcher', 'routerd.r1.vip-watcher.roles'],
    ['lease-watcher.files', leaseWatcherFilesEndpoint, 'routerd-lease-watcher', 'routerd.r1.lease-watcher', 'routerd.r1.lease-watcher.files'],
    ['dhcp-promoter.status', dhcpPromoterStatusEndpoint, 'routerd-dhcp-promoter', 'routerd.r1.dhcp-promoter', 'routerd.r1.dhcp-promoter.status'],
  ] as const)('endpoints › %s lives under routerd.<node>.<area>, in its own service', (type, endpoint, service, group, subject) => {
    expect(endpoint.service).toBe(service);
    expect(endpoint.service).toMatch(/^[-\w]+$/);
    expect(endpoint.group('r1')).toBe(group);
    expect(endpoint.subject('r1')).toBe(subject);
    expect(endpoint.type).toBe(type);
    expect(parseSubject(endpoint.subject('r1'))).toEqual({ type: endpoint.area, node: 'r1', endpoint: endpoint.name });
    expect(() => endpoint.subject('r1.evil')).toThrow(`${NODE_PROBLEM} "r1.evil"`);
  });

  it('endpoints › a bad node is refused, naming it', () => {
    expect(() => syncerStatusEndpoint.subject('r 1')).toThrow(`${NODE_PROBLEM} "r 1"`);
    expect(() => leaseWatcherFilesEndpoint.subject('router.a')).toThrow(`${NODE_PROBLEM} "router.a"`);
    expect(() => dhcpPromoterStatusEndpoint.subject('r.1')).toThrow('found "r.1"');
  });

  it('endpoints › four services, one per agent', () => {
    expect(new Set(ENDPOINTS.map((e) => e.service)).size).toBe(4);
  });

  it.each(ENDPOINTS)('endpoints › $type: an empty body or {} asks for everything', (endpoint) => {
    for (const body of [new Uint8Array(), '', ' ', '  ', new TextEncoder().encode(' \n'), '{}']) {
      expect(decodeRequest(endpoint, body, endpoint.subject('r1'))).toEqual({ ok: true, value: {} });
    }
  });

  it('endpoints › requests filter by name, and by kind where the agent has several kinds', () => {
    const subject = 'routerd.r1.syncer.status';
    const sync = { kind: 'DHCPv4ServerLeaseSync', name: 'lan-v4-leases' };
    expect(decodeRequest(syncerStatusEndpoint, JSON.stringify(sync), subject)).toEqual({ ok: true, value: sync });
    expect(syncerStatusEndpoint.request.safeParse({ name: 'lan-v4-leases' }).success).toBe(true);
    const source = { kind: 'DHCPv6Server', name: 'lan-dhcpv6' };
    expect(decodeRequest(leaseWatcherFilesEndpoint, JSON.stringify(source), 'routerd.router-a.lease-watcher.files')).toEqual({ ok: true, value: source });
    expect(decodeRequest(vipWatcherRolesEndpoint, '{"name":"lan-vip"}', 'routerd.r1.vip-watcher.roles')).toEqual({ ok: true, value: { name: 'lan-vip' } });
    expect(decodeRequest(dhcpPromoterStatusEndpoint, '{"name":"lan-dhcp"}', 'routerd.r1.dhcp-promoter.status')).toEqual({ ok: true, value: { name: 'lan-dhcp' } });
  });

  it('endpoints › a bad request names the subject, the schema and what was found', () => {
    const message = (result: { ok: boolean; error?: Error }) => (result.ok ? '' : result.error?.message);
    expect(message(decodeRequest(syncerStatusEndpoint, '{"kind":"DHCPv4Server"}', 'routerd.r1.syncer.status'))).toBe(
      'bad message on "routerd.r1.syncer.status": expected JSON matching SyncerStatusRequest, found kind: Invalid option: expected one of "DHCPv4ServerLeaseSync"|"DHCPv6ServerLeaseSync"|"DHCPv6PrefixDelegationLeaseSync", found "DHCPv4Server"',
    );
    expect(message(decodeRequest(vipWatcherRolesEndpoint, '{"nmae":"lan-vip"}', 'routerd.r1.vip-watcher.roles'))).toBe(
      'bad message on "routerd.r1.vip-watcher.roles": expected JSON matching VipWatcherRolesRequest, found (message): Unrecognized key: "nmae"',
    );
    expect(message(decodeRequest(leaseWatcherFilesEndpoint, '{"kind":"Interface"}', 'routerd.router-a.lease-watcher.files'))).toBe(
      'bad message on "routerd.router-a.lease-watcher.files": expected JSON matching LeaseWatcherFilesRequest, found kind: Invalid option: expected one of "DHCPv4Server"|"DHCPv6Server"|"DHCPv6PrefixDelegation", found "Interface"',
    );
    expect(message(decodeRequest(dhcpPromoterStatusEndpoint, '{"nmae":"x"}', 'routerd.r1.dhcp-promoter.status'))).toBe(
      'bad message on "routerd.r1.dhcp-promoter.status": expected JSON matching DhcpPromoterStatusRequest, found (message): Unrecognized key: "nmae"',
    );
    expect(message(decodeRequest(vipWatcherRolesEndpoint, 'lan-vip', 'routerd.r1.vip-watcher.roles'))).toBe(
      'bad message on "routerd.r1.vip-watcher.roles": expected JSON matching VipWatcherRolesRequest, found invalid JSON "lan-vip"',
    );
    expect(message(decodeRequest(vipWatcherRolesEndpoint, '{"name":"lan_vip"}', 'routerd.r1.vip-watcher.roles'))).toContain('found "lan_vip"');
  });

  it('endpoints › every reply is {type, node, items} with valid items and nothing else', () => {
    const subject = 'routerd.r1.syncer.status';
    const reply = { type: 'syncer.status', node: 'r1', items: [sampleSyncStatus] };
    expect(decodeReply(syncerStatusEndpoint, JSON.stringify(reply), subject)).toEqual({ ok: true, value: reply });
    const bad = syncerStatusEndpoint.response.safeParse({ ...reply, items: [{ ...sampleSyncStatus, type: 'vip.role' }] });
    expect(bad.error?.issues[0]?.path).toEqual(['items', 0, 'type']);
    const old = decodeReply(syncerStatusEndpoint, '{"syncs":[]}', subject);
    expect(old.ok ? '' : old.error.message).toMatch(/^bad message on "routerd\.r1\.syncer\.status": expected JSON matching SyncerStatusResponse, found /);

    const roles = { type: 'vip-watcher.roles', node: 'r1', items: [sampleVipRoleEvent] };
    expect(decodeReply(vipWatcherRolesEndpoint, JSON.stringify(roles), 'routerd.r1.vip-watcher.roles')).toEqual({ ok: true, value: roles });
    expect(vipWatcherRolesEndpoint.response.safeParse({ ...roles, type: 'roles' }).success).toBe(false);
    const badRole = decodeReply(vipWatcherRolesEndpoint, JSON.stringify({ ...roles, items: [{ ...sampleVipRoleEvent, role: 'boss' }] }), 'routerd.r1.vip-watcher.roles');
    expect(badRole.ok ? '' : badRole.error.message).toMatch(/^bad message on "routerd\.r1\.vip-watcher\.roles": expected JSON matching VipWatcherRolesResponse, found items\.0\.role: Invalid option/);

    const files = { type: 'lease-watcher.files', node: 'router-a', items: [sampleLeaseFileEvent] };
    expect(decodeReply(leaseWatcherFilesEndpoint, JSON.stringify(files), 'routerd.router-a.lease-watcher.files')).toEqual({ ok: true, value: files });
    expect(leaseWatcherFilesEndpoint.response.safeParse({ ...files, items: [{ type: 'lease.file' }] }).success).toBe(false);

    const promotions = decodeReply(dhcpPromoterStatusEndpoint, '{"type":"dhcp-promoter.status","node":"r1","items":[{}]}', 'routerd.r1.dhcp-promoter.status');
    expect(promotions.ok ? '' : promotions.error.message).toMatch(/^bad message on "routerd\.r1\.dhcp-promoter\.status": expected JSON matching DhcpPromoterStatusResponse, found items\.0\.type/);
    expect(decodeReply(dhcpPromoterStatusEndpoint, '{"type":"dhcp-promoter.status","node":"r1","items":[]}', 'routerd.r1.dhcp-promoter.status').ok).toBe(true);
  });
});
