import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';

const item = (kind: string, name: string, spec: string) => `- apiVersion: net.routerd.net/v1alpha1\n  kind: ${kind}\n  metadata: { name: ${name} }\n  spec: ${spec}\n`;

describe('duplicate ids', () => {
  it('duplicate ids › a kind and name declared twice is an error on the second', () => {
    const text = item('Interface', 'lan', '{ ifname: eth1 }') + item('Interface', 'lan', '{ ifname: eth2 }');
    expect(loadConfig([{ file: 'router.yaml', text }]).diagnostics.map(formatDiagnostic)).toEqual([
      'router.yaml:7:21: net.routerd.net/v1alpha1/Interface/lan metadata.name: duplicate resource id: expected each Interface name once, found "lan" again (first defined at router.yaml:3:21)',
    ]);
  });

  it('duplicate ids › the same name in two kinds is fine', () => {
    const text = item('Interface', 'lan', '{ ifname: eth1 }') + item('DHCPv4Server', 'lan', '{}');
    expect(loadConfig([{ file: 'router.yaml', text }]).diagnostics).toEqual([]);
  });
});
