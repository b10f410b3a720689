import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';
import { resourceYaml } from '../testing/index.js';


describe('duplicate ids', () => {
  it('duplicate ids › a kind and name declared twice is an error on the second', () => {
    const text = resourceYaml('Interface', 'lan', '{ ifname: eth1 }') + resourceYaml('Interface', 'lan', '{ ifname: eth2 }');
    expect(loadConfig([{ file: 'router.yaml', text }]).diagnostics.map(formatDiagnostic)).toEqual([
      'router.yaml:7:21: net.routerd.net/v1alpha1/Interface/lan metadata.name: duplicate resource id: expected each Interface name once, found "lan" again (first defined at router.yaml:3:21)',
    ]);
  });

  it('duplicate ids › the same name in two kinds is fine', () => {
    const text = resourceYaml('Interface', 'lan', '{ ifname: eth1 }') + resourceYaml('DHCPv4Server', 'lan', '{}');
    expect(loadConfig([{ file: 'router.yaml', text }]).diagnostics).toEqual([]);
  });
});
