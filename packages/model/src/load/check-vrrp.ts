// Two VRRP addresses of one family on one interface cannot share a virtual router id.
import type { VirtualAddressResource } from '../resources/virtual-address.js';
import { diagnosticAt, where } from './check-context.js';
import type { Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';

export function checkVrrpIds(resources: readonly LoadedResource[]): Diagnostic[] {
  const taken = new Map<string, LoadedResource & { resource: VirtualAddressResource }>();
  const diagnostics: Diagnostic[] = [];
  for (const loaded of resources) {
    const { resource } = loaded;
    if (resource.kind !== 'VirtualAddress' || resource.spec.mode !== 'vrrp' || resource.spec.vrrp === undefined) continue;
    const { family, interface: iface } = resource.spec;
    const id = resource.spec.vrrp.virtualRouterID;
    const key = `${family} ${iface} ${id}`;
    const earlier = taken.get(key);
    if (earlier === undefined) {
      taken.set(key, { ...loaded, resource });
      continue;
    }
    diagnostics.push(
      diagnosticAt(
        loaded,
        ['spec', 'vrrp', 'virtualRouterID'],
        `expected a virtualRouterID unused by other ${family} VRRP addresses on interface ${JSON.stringify(iface)}, found ${id}, already used by VirtualAddress/${earlier.resource.metadata.name} (${where(earlier, ['spec', 'vrrp', 'virtualRouterID'])})`,
      ),
    );
  }
  return diagnostics;
}
