import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';
import { whenKeys } from './check-when-keys.js';
import { configYaml, lanResources, resourceYaml } from '../testing/index.js';

const BASE = configYaml(lanResources());
const ID = 'net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/s';

function syncWith(when: string): string[] {
  const text = BASE + resourceYaml('DHCPv4ServerLeaseSync', 's', `\n    source: { resource: lan-dhcpv4 }\n    targets: [{ host: standby }]\n    when:\n${when}`);
  return loadConfig([{ file: 'router.yaml', text }]).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('when keys', () => {
  it('when keys › accept every spelling of a declared field', () => {
    expect(syncWith('      state:\n        VirtualAddress/lan-vip.role: { equals: master }\n')).toEqual([]);
    expect(syncWith('      state:\n        VirtualAddress/lan-vip.status.role: { equals: master }\n')).toEqual([]);
    expect(syncWith('      state:\n        "${VirtualAddress/lan-vip.role}": { equals: master }\n')).toEqual([]);
    expect(syncWith('      state:\n        DHCPv4Server/lan-dhcpv4.phase: { equals: Running }\n')).toEqual([]);
  });

  it('when keys › a malformed key says what a key looks like', () => {
    expect(syncWith('      state:\n        lan-vip.role: { equals: master }\n')).toEqual([
      `router.yaml:21:9: ${ID} spec.when.state["lan-vip.role"]: expected a key like "VirtualAddress/lan-vip.role", found "lan-vip.role"`,
    ]);
  });

  it('when keys › the resource must be declared', () => {
    expect(syncWith('      state:\n        VirtualAddress/lan-vp.role: { equals: master }\n')).toEqual([
      `router.yaml:21:9: ${ID} spec.when.state["VirtualAddress/lan-vp.role"]: expected the name of a declared VirtualAddress (lan-vip), found "lan-vp" (did you mean "lan-vip"?)`,
    ]);
    expect(syncWith('      state:\n        DHCPv6Server/lan.phase: { equals: Running }\n')).toEqual([
      `router.yaml:21:9: ${ID} spec.when.state["DHCPv6Server/lan.phase"]: expected the name of a declared DHCPv6Server (none declared), found "lan"`,
    ]);
  });

  it('when keys › the kind must be known', () => {
    expect(syncWith('      state:\n        VirtualAdress/lan-vip.role: { equals: master }\n')).toEqual([
      `router.yaml:21:9: ${ID} spec.when.state["VirtualAdress/lan-vip.role"]: expected a key naming one of the kinds Interface, VirtualAddress, DHCPv4Server, DHCPv6Server, DHCPv6PrefixDelegation, DHCPv4ServerLeaseSync, DHCPv6ServerLeaseSync, DHCPv6PrefixDelegationLeaseSync, DHCPServerPromotion, found kind "VirtualAdress" (did you mean "VirtualAddress"?)`,
    ]);
  });

  it('when keys › the field must be one the kind provides', () => {
    expect(syncWith('      state:\n        VirtualAddress/lan-vip.rol: { equals: master }\n')).toEqual([
      `router.yaml:21:9: ${ID} spec.when.state["VirtualAddress/lan-vip.rol"]: expected a status field of VirtualAddress (phase, address, ifname, role, hostname, virtualRouterID, priority), found "rol" (did you mean "role"?)`,
    ]);
    expect(syncWith('      state:\n        DHCPv4Server/lan-dhcpv4.role: { equals: master }\n')).toEqual([
      `router.yaml:21:9: ${ID} spec.when.state["DHCPv4Server/lan-dhcpv4.role"]: expected a status field of DHCPv4Server (phase), found "role"`,
    ]);
    expect(syncWith('      state:\n        Interface/lan.phase: { equals: Up }\n')).toEqual([
      `router.yaml:21:9: ${ID} spec.when.state["Interface/lan.phase"]: expected a status field of Interface (it provides none), found "phase"`,
    ]);
  });

  it('when keys › keys nested in all and any are checked with their path', () => {
    const when = [
      '      any:',
      '        - state:',
      '            VirtualAddress/lan-vip.role: { equals: master }',
      '        - all:',
      '            - state:',
      '                VirtualAddress/wan-vip.role: { equals: master }',
      '',
    ].join('\n');
    expect(syncWith(when)).toEqual([
      `router.yaml:25:17: ${ID} spec.when.any[1].all[0].state["VirtualAddress/wan-vip.role"]: expected the name of a declared VirtualAddress (lan-vip), found "wan-vip" (did you mean "lan-vip"?)`,
    ]);
  });

  it('when keys › lists every key of a tree with its path', () => {
    const keys = whenKeys({ state: { 'A/a.x': { equals: 1 } }, all: [{ any: [{ state: { 'B/b.y': { exists: true } } }] }] }, ['spec', 'when']);
    expect(keys).toEqual([
      { key: 'A/a.x', path: ['spec', 'when', 'state', 'A/a.x'] },
      { key: 'B/b.y', path: ['spec', 'when', 'all', 0, 'any', 0, 'state', 'B/b.y'] },
    ]);
  });
});
