import { describe, expect, it } from 'vitest';
import { loadConfig } from '../load/load-config.js';
import { configYaml } from './config-yaml.js';
import { haLanResources } from './ha-lan.js';

const targets = [0, 1].map((i) => ({ host: '127.0.0.1', user: 'root', sshOptions: ['-p', String(2200 + i), '-o', 'BatchMode=yes'], options: ['--timeout=10'] }));

describe('ha lan config', () => {
  it('ha lan config › validates without errors: the LAN, its VIP, the DHCPv4 server and its sync gated on the VIP', () => {
    const result = loadConfig([{ file: 'router.yaml', text: configYaml(haLanResources({ ifname: 'rdsys0', targets }), { router: 'system-test' }) }]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.config?.resources.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual([
      'Interface/lan',
      'VirtualAddress/lan-vip',
      'DHCPv4Server/lan-dhcpv4',
      'DHCPv4ServerLeaseSync/lan-v4-leases',
    ]);
    expect(result.config?.resources[3]?.spec).toMatchObject({
      interval: '30s',
      command: 'rsync',
      delivery: 'merge',
      targets: [{ name: 'standby-0', host: '127.0.0.1', user: 'root', sshOptions: ['-p', '2200', '-o', 'BatchMode=yes'], options: ['--timeout=10'] }, { name: 'standby-1' }],
      when: { state: { 'VirtualAddress/lan-vip.role': { equals: 'master' } } },
    });
  });

  it('ha lan config › a bad VIP is reported with its line and what was found', () => {
    const result = loadConfig([{ file: 'router.yaml', text: configYaml(haLanResources({ ifname: 'rdsys0', vip: '192.0.2.1/24', targets }), { router: 'system-test' }) }]);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', line: 13, message: 'expected an ipv4 address with prefix /32 (or none), found "192.0.2.1/24"' }),
    );
  });

  it('ha lan config › the command, interval, leaseFile, delivery and a promotion of lan-vip when given', () => {
    const resources = haLanResources({
      ifname: 'lo',
      targets,
      command: '/tmp/wrapper',
      interval: '5s',
      leaseFile: '/tmp/leases',
      delivery: 'replace',
      promotion: { start: ['true'], stop: ['false'], check: ['true'] },
    });
    const result = loadConfig([{ file: 'router.yaml', text: configYaml(resources) }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.config?.resources.slice(2).map((r) => r.spec)).toMatchObject([
      { leaseFile: '/tmp/leases' },
      { command: '/tmp/wrapper', interval: '5s', delivery: 'replace' },
      { virtualAddress: 'lan-vip', start: ['true'], stop: ['false'], check: ['true'] },
    ]);
  });
});
