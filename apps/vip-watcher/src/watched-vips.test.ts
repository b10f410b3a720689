import { describe, expect, it } from 'vitest';
import { keepalivedInstanceNames } from '@routerd/model';
import { vipForInstance } from './instance-names.js';
import { configWith } from './testing/fixtures.js';
import { watchedVips } from './watched-vips.js';

describe('vip-watcher › watched VirtualAddresses', () => {
  it('vip-watcher › resolves the interface name and the keepalived instance name', () => {
    const vips = watchedVips(
      configWith([
        { name: 'lan-vip', address: '192.0.2.1/32' },
        { name: 'lan.vip', address: '192.0.2.2' },
        { name: 'static-vip', address: '2001:db8::1', ifname: 'wan0', vrrp: false },
      ]),
    );
    expect(vips).toEqual([
      { name: 'lan-vip', address: '192.0.2.1/32', family: 'ipv4', interface: 'if-lan0', ifname: 'lan0', mode: 'vrrp', virtualRouterID: 51, priority: 150, instanceName: 'lan_vip' },
      { name: 'lan.vip', address: '192.0.2.2', family: 'ipv4', interface: 'if-lan0', ifname: 'lan0', mode: 'vrrp', virtualRouterID: 52, priority: 150, instanceName: 'lan_vip_2' },
      { name: 'static-vip', address: '2001:db8::1', family: 'ipv6', interface: 'if-wan0', ifname: 'wan0', mode: 'static' },
    ]);
    expect(vipForInstance(vips, 'lan_vip_2')?.name).toBe('lan.vip');
    expect(vipForInstance(vips, 'static-vip')?.name).toBe('static-vip');
    expect(vipForInstance(vips, 'LAN')).toBeUndefined();
  });

  it('vip-watcher › instance names follow routerctl render keepalived', () => {
    expect(keepalivedInstanceNames(['a-b', 'a.b', 'a_b', 'plain'])).toEqual(['a_b', 'a_b_2', 'a_b_3', 'plain']);
  });
});
