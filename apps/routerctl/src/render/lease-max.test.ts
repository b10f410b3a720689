import { describe, expect, it } from 'vitest';
import { dhcpLeaseMax, DNSMASQ_DEFAULT_LEASE_MAX, LEASE_MAX_CAP } from './lease-max.js';

describe('dhcp-lease-max', () => {
  it('lease max › never goes below dnsmasq default', () => {
    expect(dhcpLeaseMax([])).toBe(DNSMASQ_DEFAULT_LEASE_MAX);
    expect(dhcpLeaseMax([{ start: '192.0.2.100', end: '192.0.2.199' }])).toBe(1000);
  });

  it('lease max › sums the pools', () => {
    const pools = [
      { start: '198.51.100.0', end: '198.51.103.255' },
      { start: '2001:db8::1000', end: '2001:db8::13ff' },
    ];
    expect(dhcpLeaseMax(pools)).toBe(1024 + 1024);
  });

  it('lease max › caps a huge IPv6 pool', () => {
    expect(dhcpLeaseMax([{ start: '2001:db8:30::', end: '2001:db8:30::ffff:ffff:ffff:ffff' }])).toBe(LEASE_MAX_CAP);
  });
});
