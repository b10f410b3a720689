import { loadConfig } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { routerYaml } from './router-yaml.js';

const targets = [0, 1].map((i) => ({ name: `standby-${i}`, host: '127.0.0.1', user: 'root', sshOptions: ['-p', String(2200 + i), '-o', 'BatchMode=yes'] }));

describe('system harness › router yaml', () => {
  it('system harness › the configuration the agents share validates, errors none', () => {
    const result = loadConfig([{ file: 'router.yaml', text: routerYaml('rdsys0', '192.0.2.1/32', targets) }]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.config?.resources.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual([
      'Interface/lan',
      'VirtualAddress/lan-vip',
      'DHCPv4Server/lan-dhcpv4',
      'DHCPv4ServerLeaseSync/lan-v4-leases',
    ]);
  });

  it('system harness › a bad VIP is reported with its line and what was found', () => {
    const result = loadConfig([{ file: 'router.yaml', text: routerYaml('rdsys0', '192.0.2.1/24', targets) }]);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', line: 13, message: 'expected an ipv4 address with prefix /32 (or none), found "192.0.2.1/24"' }),
    );
  });
});
