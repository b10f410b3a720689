import { UsageError } from '@routerd/model';
import { describe, expect, it } from 'vitest';

import { parseRef, resolveKinds } from './kinds.js';

const SYNCS = ['DHCPv4ServerLeaseSync', 'DHCPv6ServerLeaseSync', 'DHCPv6PrefixDelegationLeaseSync'];

describe('routerctl › kinds', () => {
  it('routerctl › resolves aliases and full kind names in any case', () => {
    const kinds = (word: string) => resolveKinds('describe', word);
    expect(kinds('vip')).toEqual(['VirtualAddress']);
    expect(kinds('VirtualAddress')).toEqual(['VirtualAddress']);
    expect(kinds('v4leasesync')).toEqual(['DHCPv4ServerLeaseSync']);
    expect(kinds('dhcpv4leasesync')).toEqual(['DHCPv4ServerLeaseSync']);
    expect(kinds('DHCPv4ServerLeaseSync')).toEqual(['DHCPv4ServerLeaseSync']);
    expect(kinds('v6leasesync')).toEqual(['DHCPv6ServerLeaseSync']);
    expect(kinds('pdleasesync')).toEqual(['DHCPv6PrefixDelegationLeaseSync']);
    expect(kinds('dhcpv6prefixdelegationleasesync')).toEqual(['DHCPv6PrefixDelegationLeaseSync']);
    expect(kinds('DHCPServerPromotion')).toEqual(['DHCPServerPromotion']);
    expect(kinds('promotion')).toEqual(['DHCPServerPromotion']);
  });

  it('routerctl › leasesync and sync stand for every lease-sync kind, singular or plural', () => {
    for (const word of ['leasesync', 'LeaseSync', 'leasesyncs', 'sync', 'syncs']) expect(resolveKinds('get', word)).toEqual(SYNCS);
  });

  it('routerctl › plurals', () => {
    expect(resolveKinds('get', 'vips')).toEqual(['VirtualAddress']);
    expect(resolveKinds('get', 'virtualaddresses')).toEqual(['VirtualAddress']);
    expect(resolveKinds('get', 'v6leasesyncs')).toEqual(['DHCPv6ServerLeaseSync']);
    expect(resolveKinds('get', 'promotions')).toEqual(['DHCPServerPromotion']);
    expect(resolveKinds('get', 'DHCPServerPromotions')).toEqual(['DHCPServerPromotion']);
    expect(() => resolveKinds('get', 'pods')).toThrow('unknown kind "pods": expected vip|virtualaddress, leasesync|sync (every lease-sync kind)');
  });

  it('routerctl › KIND/NAME is split and checked, naming what was found', () => {
    expect(parseRef('describe', 'vip/lan-vip')).toEqual({ kinds: ['VirtualAddress'], name: 'lan-vip' });
    expect(parseRef('describe', 'leasesync/lan-v6-leases')).toEqual({ kinds: SYNCS, name: 'lan-v6-leases' });
    expect(() => parseRef('describe', undefined)).toThrow('missing KIND/NAME, e.g. vip/lan-vip or leasesync/lan-v4-leases');
    expect(() => parseRef('describe', 'lan-vip')).toThrow('expected KIND/NAME like vip/lan-vip, found "lan-vip"');
    expect(() => parseRef('describe', 'vip/')).toThrow('found "vip/"');
    expect(() => parseRef('describe', 'vip/a/b')).toThrow('found "vip/a/b"');
    expect(() => parseRef('describe', 'Interface/lan')).toThrow(UsageError);
    expect(() => parseRef('describe', 'Interface/lan')).toThrow('unknown kind "Interface": expected vip|virtualaddress, leasesync|');
    expect(() => parseRef('describe', 'vip/lan_vip')).toThrow('NAME: expected a resource name of letters, digits, "-" and "." (no "_"), found "lan_vip"');
  });
});
