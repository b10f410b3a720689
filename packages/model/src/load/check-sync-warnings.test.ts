import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';
import { configYaml, lanResources, resourceYaml } from '../testing/index.js';

const GATE = 'when: { state: { VirtualAddress/lan-vip.role: { equals: master } } }';
const BASE = configYaml(lanResources({ dhcpv6: {} }));
const sync = (kind: string, name: string, source: string, host: string, gate = GATE) =>
  resourceYaml(kind, name, `{ source: { resource: ${source} }, targets: [{ host: ${host} }]${gate === '' ? '' : `, ${gate}`} }`);

function load(text: string) {
  const result = loadConfig([{ file: 'router.yaml', text }]);
  // The missing-promotion warning has its own tests (check-promotions.test.ts).
  const diagnostics = result.diagnostics.map(formatDiagnostic).filter((d) => !d.includes('DHCPServerPromotion'));
  return { valid: result.config !== undefined, diagnostics };
}

describe('sync warnings', () => {
  it('sync warnings › v4 and v6 syncs of the one dnsmasq file to the same host are warned about', () => {
    const text = BASE + sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4', 'standby') + sync('DHCPv6ServerLeaseSync', 'v6', 'lan-dhcpv6', 'Standby');
    expect(load(text)).toEqual({
      valid: true,
      diagnostics: [
        'router.yaml:24:31: warning: net.routerd.net/v1alpha1/DHCPv6ServerLeaseSync/v6 spec.source.resource: expected one sync per lease file and host, found DHCPv4ServerLeaseSync/v4 pushing the same dnsmasq lease file (DHCPv4Server/lan-dhcpv4 and DHCPv6Server/lan-dhcpv6 share it) to "standby"',
      ],
    });
  });

  it('sync warnings › different hosts, or servers with different lease files, are not warned about', () => {
    expect(load(BASE + sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4', 'standby') + sync('DHCPv6ServerLeaseSync', 'v6', 'lan-dhcpv6', 'other')).diagnostics).toEqual([]);
    const separate =
      resourceYaml('Interface', 'lan', '{ ifname: eth1 }') +
      resourceYaml('VirtualAddress', 'lan-vip', '{ interface: lan, family: ipv4, address: 192.0.2.1 }') +
      resourceYaml('DHCPv4Server', 'lan-dhcpv4', '{ leaseFile: /a }') +
      resourceYaml('DHCPv6Server', 'lan-dhcpv6', '{ leaseFile: /b }') +
      sync('DHCPv4ServerLeaseSync', 'v4', 'lan-dhcpv4', 'standby') +
      sync('DHCPv6ServerLeaseSync', 'v6', 'lan-dhcpv6', 'standby');
    // Different lease files are an error of their own; the overlap warning stays quiet.
    expect(load(separate).diagnostics.filter((d) => d.includes('warning:'))).toEqual([]);
  });
});
