import { describe, expect, it } from 'vitest';
import { isSourceKind, isSyncKind, SOURCE_KINDS, SYNC_KINDS_LIST } from './kinds.js';

describe('kinds', () => {
  it('kinds › lists the DHCP source kinds and the sync kinds', () => {
    expect(SOURCE_KINDS).toEqual(['DHCPv4Server', 'DHCPv6Server', 'DHCPv6PrefixDelegation']);
    expect(SYNC_KINDS_LIST).toEqual(['DHCPv4ServerLeaseSync', 'DHCPv6ServerLeaseSync', 'DHCPv6PrefixDelegationLeaseSync']);
  });

  it('kinds › tells source kinds from sync kinds', () => {
    expect(isSourceKind('DHCPv6Server')).toBe(true);
    expect(isSourceKind('DHCPv6ServerLeaseSync')).toBe(false);
    expect(isSyncKind('DHCPv6ServerLeaseSync')).toBe(true);
    expect(isSyncKind('VirtualAddress')).toBe(false);
  });
});
