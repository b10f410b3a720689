import { UsageError } from '@routerd/model';
import { describe, expect, it } from 'vitest';

import { parseRef, resolveGetKinds, resolveKind } from './kinds.js';

describe('routerctl › kinds', () => {
  it('routerctl › resolves aliases and full kind names in any case', () => {
    expect(resolveKind('describe', 'vip')).toBe('VirtualAddress');
    expect(resolveKind('describe', 'VirtualAddress')).toBe('VirtualAddress');
    expect(resolveKind('describe', 'LeaseSync')).toBe('DHCPv4ServerLeaseSync');
    expect(resolveKind('describe', 'v4leasesync')).toBe('DHCPv4ServerLeaseSync');
    expect(resolveKind('describe', 'dhcpv4leasesync')).toBe('DHCPv4ServerLeaseSync');
    expect(resolveKind('describe', 'v6leasesync')).toBe('DHCPv6ServerLeaseSync');
    expect(resolveKind('describe', 'pdleasesync')).toBe('DHCPv6PrefixDelegationLeaseSync');
    expect(resolveKind('describe', 'dhcpv6prefixdelegationleasesync')).toBe('DHCPv6PrefixDelegationLeaseSync');
    expect(resolveKind('describe', 'DHCPServerPromotion')).toBe('DHCPServerPromotion');
    expect(resolveKind('describe', 'promotion')).toBe('DHCPServerPromotion');
  });

  it('routerctl › get takes leasesyncs for every sync kind, and plurals', () => {
    expect(resolveGetKinds('leasesyncs')).toEqual(['DHCPv4ServerLeaseSync', 'DHCPv6ServerLeaseSync', 'DHCPv6PrefixDelegationLeaseSync']);
    expect(resolveGetKinds('vips')).toEqual(['VirtualAddress']);
    expect(resolveGetKinds('v6leasesyncs')).toEqual(['DHCPv6ServerLeaseSync']);
    expect(resolveGetKinds('promotions')).toEqual(['DHCPServerPromotion']);
    expect(resolveGetKinds('DHCPServerPromotions')).toEqual(['DHCPServerPromotion']);
    expect(() => resolveGetKinds('pods')).toThrow('unknown kind "pods": expected leasesyncs (every sync kind), vip|virtualaddress');
  });

  it('routerctl › KIND/NAME is split and checked, naming what was found', () => {
    expect(parseRef('describe', 'vip/lan-vip')).toEqual({ kind: 'VirtualAddress', name: 'lan-vip' });
    expect(() => parseRef('describe', undefined)).toThrow('missing KIND/NAME, e.g. vip/lan-vip or leasesync/lan-v4-leases');
    expect(() => parseRef('describe', 'lan-vip')).toThrow('expected KIND/NAME like vip/lan-vip, found "lan-vip"');
    expect(() => parseRef('describe', 'vip/')).toThrow('found "vip/"');
    expect(() => parseRef('describe', 'vip/a/b')).toThrow('found "vip/a/b"');
    expect(() => parseRef('describe', 'Interface/lan')).toThrow(UsageError);
    expect(() => parseRef('describe', 'Interface/lan')).toThrow('unknown kind "Interface": expected vip|virtualaddress, leasesync|');
    expect(() => parseRef('describe', 'vip/lan_vip')).toThrow('NAME: expected a resource name of letters, digits, "-" and "." (no "_"), found "lan_vip"');
  });
});
