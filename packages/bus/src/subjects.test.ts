import { describe, expect, it } from 'vitest';
import type { SourceKind, SyncKind } from './kinds.js';
import {
  ALL_SUBJECTS,
  leaseSubject,
  leaseWildcard,
  parseSubject,
  reconcileSubject,
  reconcileWildcard,
  syncSubject,
  syncWildcard,
  vipSubject,
  vipWildcard,
} from './subjects.js';
import { promotionSubject } from './promotion-subjects.js';
import { SubjectError } from './tokens.js';

describe('subjects', () => {
  it('subjects › builds readable subjects', () => {
    expect(vipSubject('r1', 'lan-vip')).toBe('routerd.r1.vip.lan-vip');
    expect(leaseSubject('r1', 'DHCPv4Server', 'lan-dhcpv4')).toBe('routerd.r1.lease.DHCPv4Server.lan-dhcpv4');
    expect(syncSubject('r1', 'DHCPv4ServerLeaseSync', 'lan.v4.leases')).toBe('routerd.r1.sync.DHCPv4ServerLeaseSync.lan_v4_leases');
  });

  it('subjects › round trips through parseSubject', () => {
    expect(parseSubject(vipSubject('r1', 'lan.vip'))).toEqual({ type: 'vip', node: 'r1', name: 'lan.vip' });
    expect(parseSubject(leaseSubject('edge_2', 'DHCPv6PrefixDelegation', 'wan.pd'))).toEqual({
      type: 'lease',
      node: 'edge_2',
      kind: 'DHCPv6PrefixDelegation',
      name: 'wan.pd',
    });
    expect(parseSubject(syncSubject('r-1', 'DHCPv6ServerLeaseSync', 'v6'))).toEqual({
      type: 'sync',
      node: 'r-1',
      kind: 'DHCPv6ServerLeaseSync',
      name: 'v6',
    });
    expect(parseSubject('routerd.r1.syncer.status')).toEqual({ type: 'syncer', node: 'r1', endpoint: 'status' });
    expect(parseSubject('routerd.r1.vip-watcher.roles')).toEqual({ type: 'vip-watcher', node: 'r1', endpoint: 'roles' });
    expect(parseSubject('routerd.r1.lease-watcher.files')).toEqual({ type: 'lease-watcher', node: 'r1', endpoint: 'files' });
    expect(parseSubject(promotionSubject('r1', 'lan.dhcp'))).toEqual({ type: 'promotion', node: 'r1', name: 'lan.dhcp' });
    expect(reconcileSubject('r1', 'DHCPv4Server', 'lan.v4')).toBe('routerd.r1.reconcile.DHCPv4Server.lan_v4');
    expect(parseSubject(reconcileSubject('r1', 'DHCPv4Server', 'lan.v4'))).toEqual({ type: 'reconcile', node: 'r1', kind: 'DHCPv4Server', name: 'lan.v4' });
    expect(parseSubject('routerd.r1.dhcp-promoter.status')).toEqual({ type: 'dhcp-promoter', node: 'r1', endpoint: 'status' });
  });

  it('subjects › refuses a bad node or name when building, naming the value', () => {
    expect(() => vipSubject('r1.lan', 'vip')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r1.lan"');
    expect(() => vipSubject('r1', 'lan_vip')).toThrow('found "lan_vip"');
  });

  it('subjects › refuses a kind of the wrong family when building', () => {
    expect(() => leaseSubject('r1', 'DHCPv4ServerLeaseSync' as SourceKind, 'x')).toThrow(
      'kind: expected one of DHCPv4Server, DHCPv6Server, DHCPv6PrefixDelegation, found "DHCPv4ServerLeaseSync"',
    );
    expect(() => syncSubject('r1', 'DHCPv4Server' as SyncKind, 'x')).toThrow('kind: expected one of DHCPv4ServerLeaseSync');
  });

  it('subjects › parseSubject names the subject and the expectation', () => {
    const cases: [string, string][] = [
      ['other.r1.vip.x', 'subject "other.r1.vip.x": expected routerd.<node>.vip.<name>'],
      ['routerd.r1', 'subject "routerd.r1": expected routerd.<node>.vip.<name>'],
      ['routerd.r1.vip.a.b', 'subject "routerd.r1.vip.a.b": expected'],
      ['routerd.r1.lease.VirtualAddress.x', 'subject "routerd.r1.lease.VirtualAddress.x": expected a source kind (DHCPv4Server, DHCPv6Server, DHCPv6PrefixDelegation), found "VirtualAddress"'],
      ['routerd.r1.sync.DHCPv4Server.x', 'expected a sync kind (DHCPv4ServerLeaseSync, DHCPv6ServerLeaseSync, DHCPv6PrefixDelegationLeaseSync), found "DHCPv4Server"'],
      ['routerd.r*.vip.x', 'subject "routerd.r*.vip.x": node: expected a node name'],
      ['routerd.r1.vip.*', 'subject "routerd.r1.vip.*": name token: expected letters, digits, "_" and "-", found "*"'],
      ['routerd.r1.syncer.', 'subject "routerd.r1.syncer.": expected'],
      ['routerd.r1.vip-watcher', 'subject "routerd.r1.vip-watcher": expected routerd.<node>.vip.<name>, routerd.<node>.lease.<Kind>.<name>, routerd.<node>.sync.<Kind>.<name>, routerd.<node>.reconcile.<Kind>.<name>, routerd.<node>.promotion.<name> or routerd.<node>.{syncer,vip-watcher,lease-watcher,dhcp-promoter}.<endpoint>'],
      ['routerd.r1.watcher.roles', 'subject "routerd.r1.watcher.roles": expected'],
    ];
    for (const [subject, message] of cases) {
      expect(() => parseSubject(subject)).toThrow(SubjectError);
      expect(() => parseSubject(subject)).toThrow(message);
    }
  });

  it('subjects › wildcards for one node or every node', () => {
    expect(vipWildcard('r1')).toBe('routerd.r1.vip.*');
    expect(vipWildcard()).toBe('routerd.*.vip.*');
    expect(leaseWildcard('r1')).toBe('routerd.r1.lease.*.*');
    expect(syncWildcard()).toBe('routerd.*.sync.*.*');
    expect(reconcileWildcard('r1')).toBe('routerd.r1.reconcile.*.*');
    expect(ALL_SUBJECTS).toBe('routerd.>');
    expect(() => leaseWildcard('a.b')).toThrow('found "a.b"');
  });
});
