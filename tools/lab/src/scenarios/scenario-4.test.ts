import { describe, expect, it } from 'vitest';
import { withV4Lease } from './scenario-4.js';

describe('lab scenario 4', () => {
  it('lab › a probe v4 lease goes before the duid line, where dnsmasq reads v4 leases', () => {
    const v4v6 = '1 02:00:00:00:30:10 192.0.2.130 cl *\nduid 00:01\n2 12304 2001:db8:30::1ee * 00:01\n';
    expect(withV4Lease(v4v6, 'P')).toBe('1 02:00:00:00:30:10 192.0.2.130 cl *\nP\nduid 00:01\n2 12304 2001:db8:30::1ee * 00:01\n');
    expect(withV4Lease('1 02:00:00:00:30:10 192.0.2.130 cl *\n', 'P')).toBe('1 02:00:00:00:30:10 192.0.2.130 cl *\nP\n');
    expect(withV4Lease('', 'P')).toBe('P\n');
  });
});
