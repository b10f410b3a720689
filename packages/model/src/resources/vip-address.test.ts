import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ADDRESS_FAMILIES, checkVipAddress, vipAddressProblem } from './vip-address.js';

describe('vip address', () => {
  it('vip address › a host address of its family, bare or with the full prefix', () => {
    expect(vipAddressProblem('ipv4', '192.0.2.1')).toBeUndefined();
    expect(vipAddressProblem('ipv4', '192.0.2.1/32')).toBeUndefined();
    expect(vipAddressProblem('ipv6', '2001:db8::1')).toBeUndefined();
    expect(vipAddressProblem('ipv6', '2001:db8::1/128')).toBeUndefined();
  });

  it('vip address › names the family, the prefix it wants and what was found', () => {
    expect(vipAddressProblem('ipv4', '2001:db8::1')).toBe('expected an ipv4 address with prefix /32 (or none), found "2001:db8::1"');
    expect(vipAddressProblem('ipv4', '192.0.2.1/24')).toBe('expected an ipv4 address with prefix /32 (or none), found "192.0.2.1/24"');
    expect(vipAddressProblem('ipv6', '2001:db8::1/128/1')).toBe('expected an ipv6 address with prefix /128 (or none), found "2001:db8::1/128/1"');
    expect(vipAddressProblem('ipv6', '192.0.2.1')).toBe('expected an ipv6 address with prefix /128 (or none), found "192.0.2.1"');
  });

  it('vip address › as a superRefine step the issue sits at address', () => {
    const schema = z.object({ family: z.enum(ADDRESS_FAMILIES), address: z.string() }).superRefine(checkVipAddress);
    expect(schema.safeParse({ family: 'ipv4', address: '192.0.2.1' }).success).toBe(true);
    const issue = schema.safeParse({ family: 'ipv6', address: '192.0.2.1' }).error?.issues[0];
    expect(issue).toMatchObject({ path: ['address'], message: 'expected an ipv6 address with prefix /128 (or none), found "192.0.2.1"' });
  });
});
