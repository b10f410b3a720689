import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';
import { resourceYaml } from '../testing/index.js';

function errors(text: string): string[] {
  return loadConfig([{ file: 'router.yaml', text }]).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('lease files', () => {
  it('lease files › DHCP servers with different leaseFile values disagree', () => {
    const text = resourceYaml('DHCPv4Server', 'v4', '{ leaseFile: /var/lib/a.leases }') + resourceYaml('DHCPv6Server', 'v6', '{ leaseFile: /var/lib/b.leases }');
    expect(errors(text)).toEqual([
      'router.yaml:8:22: net.routerd.net/v1alpha1/DHCPv6Server/v6 spec.leaseFile: expected the same leaseFile as DHCPv4Server/v4 ("/var/lib/a.leases"; one dnsmasq keeps the leases of every DHCP server), found "/var/lib/b.leases"',
    ]);
  });

  it('lease files › equal or absent values agree', () => {
    const text =
      resourceYaml('DHCPv4Server', 'v4', '{ leaseFile: /var/lib/a.leases }') +
      resourceYaml('DHCPv6Server', 'v6', '{ leaseFile: /var/lib/a.leases }') +
      resourceYaml('DHCPv4Server', 'other', '{}');
    expect(errors(text)).toEqual([]);
  });

  it('lease files › a relative leaseFile is refused by the schema', () => {
    expect(errors(resourceYaml('DHCPv4Server', 'v4', '{ leaseFile: leases }'))).toEqual([
      'router.yaml:4:22: net.routerd.net/v1alpha1/DHCPv4Server/v4 spec.leaseFile: expected an absolute path without newlines, found "leases"',
    ]);
  });
});
