// A validated configuration with one VIP, one DHCPv4 server and a promotion whose commands are given.
import type { RouterConfig } from '@routerd/model';
import { loadTestConfig, resource, type SpecInput } from '@routerd/model/testing';

type PromotionSpec = Omit<SpecInput<'DHCPServerPromotion'>, 'virtualAddress'>;

export function promotionConfig(spec: PromotionSpec): RouterConfig {
  return loadTestConfig([
    resource('Interface', 'lan', { ifname: 'lan0' }),
    resource('VirtualAddress', 'lan-vip', { interface: 'lan', family: 'ipv4', address: '192.0.2.1/32' }),
    resource('DHCPv4Server', 'lan-dhcpv4', {}),
    resource('DHCPServerPromotion', 'lan-dhcp', { virtualAddress: 'lan-vip', settle: '200ms', ...spec }),
  ]);
}
