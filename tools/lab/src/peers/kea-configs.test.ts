import { describe, expect, it } from 'vitest';
import { keaCtrlAgentConfig, keaDhcp4Config, keaPaths, KEA_HOOKS_DIR } from './kea-configs.js';

interface HaConfig {
  'this-server-name': string;
  mode: string;
  'max-unacked-clients': number;
  peers: { name: string; url: string; role: string }[];
}

function ha(id: 'r1' | 'r2'): HaConfig {
  const dhcp4 = (keaDhcp4Config(id) as { Dhcp4: { 'hooks-libraries': { library: string; parameters?: { 'high-availability': HaConfig[] } }[] } }).Dhcp4;
  const hook = dhcp4['hooks-libraries'].find((h) => h.library === `${KEA_HOOKS_DIR}/libdhcp_ha.so`);
  const first = hook?.parameters?.['high-availability'][0];
  if (first === undefined) throw new Error('no HA hook');
  return first;
}

describe('lab Kea configs', () => {
  it('lab Kea configs › both routers name the same hot-standby pair, each itself, peers on their own addresses through the control agent', () => {
    expect(ha('r1')['this-server-name']).toBe('router-a');
    expect(ha('r2')['this-server-name']).toBe('router-b');
    expect(ha('r1').peers).toEqual(ha('r2').peers);
    expect(ha('r1').peers).toEqual([
      { name: 'router-a', url: 'http://192.0.2.2:8000/', role: 'primary', 'auto-failover': true },
      { name: 'router-b', url: 'http://192.0.2.3:8000/', role: 'standby', 'auto-failover': true },
    ]);
    expect(ha('r1').mode).toBe('hot-standby');
    expect(ha('r1')['max-unacked-clients']).toBe(0);
    expect(keaCtrlAgentConfig('r2')).toMatchObject({ 'Control-agent': { 'http-host': '192.0.2.3', 'http-port': 8000, 'control-sockets': { dhcp4: { 'socket-name': keaPaths('r2').controlSocket } } } });
  });

  it("lab Kea configs › serves the example's pool with a memfile lease file per router, and loads lease_cmds for the peers' sync", () => {
    const dhcp4 = (keaDhcp4Config('r1') as { Dhcp4: Record<string, unknown> }).Dhcp4;
    expect(dhcp4['subnet4']).toEqual([expect.objectContaining({ subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.100 - 192.0.2.199' }] })]);
    expect(dhcp4['lease-database']).toMatchObject({ type: 'memfile', persist: true, name: keaPaths('r1').leaseFile });
    expect(JSON.stringify(dhcp4['hooks-libraries'])).toContain('libdhcp_lease_cmds.so');
  });
});
