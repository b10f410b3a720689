import { describe, expect, it } from 'vitest';
import { checkResources } from './check-resources.js';
import { parseConfigText } from './parse-config.js';
import { resourceYaml } from '../testing/index.js';


describe('check resources', () => {
  it('check resources › runs every rule and returns findings in file order', () => {
    const text =
      resourceYaml('DHCPv4ServerLeaseSync', 's', '{ source: { resource: missing }, targets: [{ host: standby }], delivery: replace }') +
      resourceYaml('VirtualAddress', 'vip', '{ interface: lan, family: ipv4, address: 192.0.2.1 }') +
      resourceYaml('VirtualAddress', 'vip', '{ interface: lan, family: ipv4, address: 192.0.2.2 }');
    const { resources, diagnostics } = parseConfigText({ file: 'router.yaml', text });
    expect(diagnostics).toEqual([]);
    const found = checkResources(resources).map((d) => `${d.line} ${d.severity} ${d.path ?? ''}`);
    expect(found).toEqual(['4 warning spec.when', '4 error spec.source.resource', '8 error spec.interface', '11 error metadata.name', '12 error spec.interface']);
  });

  it('check resources › does not report references to declared but invalid resources', () => {
    const { resources } = parseConfigText({ file: 'router.yaml', text: resourceYaml('VirtualAddress', 'vip', '{ interface: lan, family: ipv4, address: 192.0.2.1 }') });
    expect(checkResources(resources, ['Interface/lan'])).toEqual([]);
    expect(checkResources(resources).map((d) => d.message)).toEqual(['expected the name of a declared Interface (none declared), found "lan"']);
  });
});
