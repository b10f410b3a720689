import { describe, expect, it } from 'vitest';
import { loadTestConfig, resourceYaml } from '@routerd/model/testing';
import { renderKeepalived } from './keepalived.js';

const LAN = resourceYaml('Interface', 'lan', '{ ifname: eth1 }');
const vip = (name: string, vrrp: string, extra = '') =>
  resourceYaml('VirtualAddress', name, `{ interface: lan, family: ipv4, address: 192.0.2.1, mode: vrrp, vrrp: ${vrrp}${extra} }`);

function render(yaml: string, notifyFifo?: string) {
  return renderKeepalived(loadTestConfig(yaml), { files: ['r.yaml'], notifyFifo });
}

describe('render keepalived', () => {
  it('keepalived › global_defs holds only the notify FIFO hook', () => {
    expect(render(LAN).text).toContain(
      'global_defs {\n  # No notify FIFO: render with --notify-fifo PATH to have keepalived report each state change.\n}',
    );
    expect(render(LAN, '/run/routerd/k.fifo').text).toContain('global_defs {\n  vrrp_notify_fifo /run/routerd/k.fifo\n}');
  });

  it('keepalived › says when there is nothing to run', () => {
    const yaml = LAN + resourceYaml('VirtualAddress', 'static', '{ interface: lan, family: ipv4, address: 192.0.2.1 }');
    const { text, warnings } = render(yaml);
    expect(text).toContain('# No VirtualAddress in vrrp mode: keepalived has nothing to run.');
    expect(text).not.toContain('vrrp_instance');
    expect(warnings).toEqual([]);
  });

  it('keepalived › priority 0 or unset is 100, preempt drops nopreempt', () => {
    expect(render(LAN + vip('a', '{ virtualRouterID: 1, priority: 0, peers: [192.0.2.3] }')).text).toContain('  priority 100\n');
    expect(render(LAN + vip('a', '{ virtualRouterID: 1, peers: [192.0.2.3] }')).text).toContain('  priority 100\n  advert_int 1\n  nopreempt\n');
    const preempt = render(LAN + vip('a', '{ virtualRouterID: 1, priority: 254, preempt: true, peers: [192.0.2.3] }')).text;
    expect(preempt).toContain('  priority 254\n  advert_int 1\n  unicast_peer {');
    expect(preempt).not.toContain('nopreempt');
  });

  it('keepalived › keeps a prefix the address already has', () => {
    const yaml = LAN + resourceYaml('VirtualAddress', 'a', '{ interface: lan, family: ipv4, address: 192.0.2.1/32, mode: vrrp, vrrp: { virtualRouterID: 1, peers: [192.0.2.3] } }');
    expect(render(yaml).text).toContain('    192.0.2.1/32 dev eth1\n');
  });

  it('keepalived › comments out a host-name peer and warns', () => {
    const { text, warnings } = render(LAN + vip('a', '{ virtualRouterID: 1, peers: [peer.lan.example, 192.0.2.3] }'));
    expect(text).toContain('  unicast_peer {\n    # peer.lan.example: not an address, keepalived would skip it\n    192.0.2.3\n  }');
    expect(warnings).toEqual([`VirtualAddress/a: keepalived's unicast_peer takes addresses, found host name "peer.lan.example"`]);
  });
});
