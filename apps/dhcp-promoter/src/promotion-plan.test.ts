// Which lease files a promotion reconciles, and the pull of each from each peer.
import { inboxPaths, planSyncs } from '@routerd/model';
import { haLanResources, loadTestConfig, masterGate, resource } from '@routerd/model/testing';
import { describe, expect, it } from 'vitest';
import { promotionPlans } from './promotion-plan.js';

const dirs = { stateDir: '/srv/routerd', runtimeDir: '/run/routerd' };
const LIVE = '/srv/routerd/dnsmasq/dnsmasq.leases';
const targets = [
  { name: 'router-b', host: '198.51.100.2', user: 'routerd', sshOptions: ['-p', '2222'] },
  { name: 'router-c', host: '2001:db8::3' },
];
const promotion = { start: ['start'], stop: ['stop'], check: ['check'] };

describe('dhcp-promoter › promotion plan, lease files', () => {
  it('dhcp-promoter › the file of each sync of a promoted server, with each target as a peer to pull from, in order', () => {
    const config = loadTestConfig(haLanResources({ ifname: 'lan0', targets, promotion }));
    const [plan] = promotionPlans(config, { dirs });
    expect(plan?.leaseFiles).toEqual([
      {
        live: LIVE,
        source: { kind: 'DHCPv4Server', name: 'lan-dhcpv4' },
        peers: [
          { name: 'router-b', pullArgv: expect.arrayContaining(['routerd@198.51.100.2:/srv/routerd/dnsmasq/dnsmasq.leases']) as unknown, controlDir: `${dirs.runtimeDir}/ssh` },
          { name: 'router-c', pullArgv: expect.arrayContaining(['[2001:db8::3]:/srv/routerd/dnsmasq/dnsmasq.leases']) as unknown, controlDir: `${dirs.runtimeDir}/ssh` },
        ],
      },
    ]);
  });

  it("dhcp-promoter › each peer pulls with its target's planned pull; a replace sync's file is not reconciled", () => {
    const config = loadTestConfig(haLanResources({ ifname: 'lan0', targets, promotion }));
    const target = planSyncs(config, { dirs })[0]?.targets[0];
    if (target === undefined) throw new Error('expected a target');
    expect(promotionPlans(config, { dirs })[0]?.leaseFiles[0]?.peers[0]?.pullArgv).toEqual(target.pullArgv);
    expect(target.pullArgv.at(-1)).toBe(inboxPaths(LIVE).pulled);
    const replacing = loadTestConfig(haLanResources({ ifname: 'lan0', targets, promotion, delivery: 'replace' }));
    expect(promotionPlans(replacing, { dirs })[0]?.leaseFiles).toEqual([]);
  });

  it('dhcp-promoter › two syncs of one file (v4 and v6) make one file, each peer once', () => {
    const config = loadTestConfig([
      ...haLanResources({ ifname: 'lan0', targets: targets.slice(0, 1), promotion }),
      resource('DHCPv6Server', 'lan-dhcpv6', { interface: 'lan' }),
      resource('DHCPv6ServerLeaseSync', 'lan-v6-leases', { source: { resource: 'DHCPv6Server/lan-dhcpv6' }, targets: targets.slice(0, 1), when: masterGate() }),
    ]);
    const [plan] = promotionPlans(config, { dirs });
    expect(plan?.servers.map((s) => s.kind)).toEqual(['DHCPv4Server', 'DHCPv6Server']);
    expect(plan?.leaseFiles).toEqual([
      { live: LIVE, source: { kind: 'DHCPv4Server', name: 'lan-dhcpv4' }, peers: [{ name: 'router-b', pullArgv: planSyncs(config, { dirs })[0]?.targets[0]?.pullArgv, controlDir: `${dirs.runtimeDir}/ssh` }] },
    ]);
  });

  it('dhcp-promoter › a server the promotion does not serve is not reconciled; without dirs nothing is', () => {
    const config = loadTestConfig([
      ...haLanResources({ ifname: 'lan0', targets, promotion: { ...promotion, servers: ['DHCPv6Server/lan-dhcpv6'] } }),
      resource('DHCPv6Server', 'lan-dhcpv6', { interface: 'lan' }),
    ]);
    expect(promotionPlans(config, { dirs })[0]?.leaseFiles).toEqual([]);
    expect(promotionPlans(loadTestConfig(haLanResources({ ifname: 'lan0', targets, promotion })))[0]?.leaseFiles).toEqual([]);
  });
});
