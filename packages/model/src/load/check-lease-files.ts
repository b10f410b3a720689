// One dnsmasq serves every DHCPv4Server and DHCPv6Server, so their leaseFile overrides must agree.
import { diagnosticAt, shortName } from './check-context.js';
import type { Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';

/** The leaseFile override of a DHCP server, or undefined when it has none (or is not a server). */
export function leaseFileOverride(loaded: LoadedResource): string | undefined {
  const { resource } = loaded;
  if (resource.kind !== 'DHCPv4Server' && resource.kind !== 'DHCPv6Server') return undefined;
  const file = resource.spec.leaseFile;
  return file === undefined || file === '' ? undefined : file;
}

export function checkLeaseFiles(resources: readonly LoadedResource[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let first: { loaded: LoadedResource; file: string } | undefined;
  for (const loaded of resources) {
    const file = leaseFileOverride(loaded);
    if (file === undefined) continue;
    if (first === undefined) {
      first = { loaded, file };
    } else if (file !== first.file) {
      diagnostics.push(
        diagnosticAt(
          loaded,
          ['spec', 'leaseFile'],
          `expected the same leaseFile as ${shortName(first.loaded.resource)} (${JSON.stringify(first.file)}; one dnsmasq keeps the leases of every DHCP server), found ${JSON.stringify(file)}`,
        ),
      );
    }
  }
  return diagnostics;
}
