import { planSyncs } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { loadTestConfig, resourceYaml } from '@routerd/model/testing';
import { formatColumns, formatPlanTable } from './plan-table.js';

describe('plan table', () => {
  it('plan table › pads every column but the last', () => {
    expect(formatColumns([['A', 'BB', 'C'], ['long', 'x', 'yy']])).toBe('A     BB  C\nlong  x   yy');
  });

  it('plan table › says when nothing is planned', () => {
    expect(formatPlanTable([])).toBe('no lease syncs configured\n');
  });

  it('plan table › flags a sync without a gate; a replacing sync has no handback', () => {
    const config = loadTestConfig(
      resourceYaml('Interface', 'wan', '{ ifname: eth0 }') +
        resourceYaml('DHCPv6PrefixDelegation', 'pd', '{ interface: wan }') +
        resourceYaml('DHCPv6PrefixDelegationLeaseSync', 'pd-lease', '{ source: { resource: pd }, targets: [{ host: b.example }], delivery: replace }'),
    );
    const text = formatPlanTable(planSyncs(config, { dirs: { stateDir: '/s', runtimeDir: '/r' } }));
    expect(text).toContain('  when      always (no gate: pushes even while backup)\n');
    expect(text).toContain('  path      /s/dhcpv6-client/pd/lease.json\n');
    expect(text).toContain("  delivery  replace (each push overwrites the target's file; no handback)\n");
    expect(text).toContain('  target    b.example → b.example:/s/dhcpv6-client/pd/lease.json\n    push      rsync -a ');
    expect(text).toMatch(/\n {4}pull {6}rsync -a .* b\.example:\/s\/dhcpv6-client\/pd\/lease\.json \/s\/dhcpv6-client\/pd\/\.routerd-inbox\/lease\.json\.pulled\n/);
    expect(text).not.toMatch(/^ +handback /m);
  });

  it('plan table › a merging sync shows its delivery and the three commands of each target', () => {
    const config = loadTestConfig(
      resourceYaml('Interface', 'wan', '{ ifname: eth0 }') +
        resourceYaml('VirtualAddress', 'wan-vip', '{ interface: wan, family: ipv4, address: 192.0.2.1 }') +
        resourceYaml('DHCPv6PrefixDelegation', 'pd', '{ interface: wan }') +
        resourceYaml('DHCPv6PrefixDelegationLeaseSync', 'pd-lease', '{ source: { resource: pd }, targets: [{ host: b.example }], when: { state: { VirtualAddress/wan-vip.role: { equals: master } } } }'),
    );
    const text = formatPlanTable(planSyncs(config, { dirs: { stateDir: '/s', runtimeDir: '/r' } }));
    expect(text).toMatch(/^SYNC +SOURCE +DELIVERY +INTERVAL +TARGETS +WHEN\nDHCPv6PrefixDelegationLeaseSync\/pd-lease +DHCPv6PrefixDelegation\/pd +merge +30s /);
    expect(text).toContain("  delivery  merge (the target's receiver merges each push into its file; on demotion the last file is handed back once)\n");
    const commands = text.split('\n').filter((line) => line.startsWith('    ')).map((line) => line.trim().split(/ +/).slice(0, 2).join(' '));
    expect(commands).toEqual(['push rsync', 'handback rsync', 'pull rsync']);
    expect(text).toContain(' /s/dhcpv6-client/pd/lease.json b.example:/s/dhcpv6-client/pd/lease.json.routerd-handback\n');
  });
});
