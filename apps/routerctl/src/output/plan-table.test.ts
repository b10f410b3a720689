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

  it('plan table › flags a sync without a gate', () => {
    const config = loadTestConfig(
      resourceYaml('Interface', 'wan', '{ ifname: eth0 }') +
        resourceYaml('DHCPv6PrefixDelegation', 'pd', '{ interface: wan }') +
        resourceYaml('DHCPv6PrefixDelegationLeaseSync', 'pd-lease', '{ source: { resource: pd }, targets: [{ host: b.example }] }'),
    );
    const text = formatPlanTable(planSyncs(config, { dirs: { stateDir: '/s', runtimeDir: '/r' } }));
    expect(text).toContain('  when      always (no gate: pushes even while backup)\n');
    expect(text).toContain('  path      /s/dhcpv6-client/pd/lease.json\n');
    expect(text).toContain('  target    b.example → b.example:/s/dhcpv6-client/pd/lease.json\n    rsync -a ');
  });
});
