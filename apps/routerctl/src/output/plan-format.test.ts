import { planSyncs } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadTestConfig, resourceYaml } from '@routerd/model/testing';
import { formatPlan } from './plan-format.js';
import type { PlanView } from './plan-view.js';

const config = loadTestConfig(
  resourceYaml('Interface', 'wan', '{ ifname: eth0 }') +
    resourceYaml('DHCPv6PrefixDelegation', 'pd', '{ interface: wan }') +
    resourceYaml(
      'DHCPv6PrefixDelegationLeaseSync',
      'pd-lease',
      '{ source: { resource: pd }, targets: [{ host: b.example, sshOptions: [-o, "ProxyCommand=ssh -W %h:%p jump.example"] }], delivery: replace }',
    ),
);
const jobs = planSyncs(config, { dirs: { stateDir: '/s', runtimeDir: '/r' } });

describe('plan formats', () => {
  it('plan format › json and yaml hold the same data', () => {
    const json = JSON.parse(formatPlan(jobs, 'json')) as PlanView;
    expect(parse(formatPlan(jobs, 'yaml'))).toEqual(json);
    expect(json.syncs[0]).toMatchObject({ kind: 'DHCPv6PrefixDelegationLeaseSync', name: 'pd-lease', delivery: 'replace', when: null, whenText: 'always' });
    expect(json.syncs[0]?.targets[0]).toMatchObject({ name: 'b.example', host: 'b.example', user: null, destination: 'b.example:/s/dhcpv6-client/pd/lease.json' });
  });

  it('plan format › yaml never folds a long command line', () => {
    const yaml = formatPlan(jobs, 'yaml');
    const line = yaml.split('\n').find((l) => l.trimStart().startsWith('command:'));
    expect(line).toContain("'\\''ProxyCommand=ssh -W %h:%p jump.example'\\''");
    expect(line?.length).toBeGreaterThan(200);
  });

  it('plan format › the command line is the argv, quoted for a shell', () => {
    const target = (JSON.parse(formatPlan(jobs, 'json')) as PlanView).syncs[0]?.targets[0];
    expect(target?.argv[0]).toBe('rsync');
    expect(target?.command.startsWith('rsync -a --no-times --no-perms --no-owner --no-group --checksum ')).toBe(true);
    expect(target?.handbackArgv.at(-1)).toBe('b.example:/s/dhcpv6-client/pd/lease.json.routerd-handback');
    expect(target?.handbackCommand).toMatch(/ b\.example:\/s\/dhcpv6-client\/pd\/lease\.json\.routerd-handback$/);
    expect(target?.pullArgv.slice(-2)).toEqual(['b.example:/s/dhcpv6-client/pd/lease.json', '/s/dhcpv6-client/pd/.routerd-inbox/lease.json.pulled']);
    expect(target?.pullCommand.endsWith(' b.example:/s/dhcpv6-client/pd/lease.json /s/dhcpv6-client/pd/.routerd-inbox/lease.json.pulled')).toBe(true);
  });
});
