// References between resources: interfaces, and the DHCP resource a sync reads.
import { isKind } from '../resources/kinds.js';
import { parseSourceRef, SYNC_SOURCE_KIND, type SyncKind } from '../resources/lease-sync.js';
import { declaredNames, diagnosticAt, namesOfKind } from './check-context.js';
import type { Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';
import { didYouMean } from './suggest.js';

const INTERFACE_USERS = new Set(['VirtualAddress', 'DHCPv4Server', 'DHCPv6Server', 'DHCPv6PrefixDelegation']);

function isSyncKind(kind: string): kind is SyncKind {
  return Object.hasOwn(SYNC_SOURCE_KIND, kind);
}

function declared(names: readonly string[]): string {
  return names.length === 0 ? 'none declared' : names.join(', ');
}

export function checkReferences(resources: readonly LoadedResource[], invalid: readonly string[] = []): Diagnostic[] {
  const index = declaredNames(resources, invalid);
  const diagnostics: Diagnostic[] = [];
  for (const loaded of resources) {
    const { resource } = loaded;
    if (INTERFACE_USERS.has(resource.kind) && 'interface' in resource.spec && typeof resource.spec.interface === 'string') {
      const name = resource.spec.interface;
      if (!index.has(`Interface/${name}`)) {
        const names = namesOfKind(resources, 'Interface');
        diagnostics.push(
          diagnosticAt(loaded, ['spec', 'interface'], `expected the name of a declared Interface (${declared(names)}), found ${JSON.stringify(name)}${didYouMean(name, names)}`),
        );
      }
    }
    if (isSyncKind(resource.kind) && 'source' in resource.spec) {
      const text = resource.spec.source.resource;
      const ref = parseSourceRef(resource.kind, text);
      const expected = SYNC_SOURCE_KIND[resource.kind];
      const path = ['spec', 'source', 'resource'];
      if (ref.kind !== expected) {
        diagnostics.push(
          diagnosticAt(
            loaded,
            path,
            `expected a ${expected} ("${expected}/<name>" or a bare name; a ${resource.kind} reads only ${expected} leases), found kind ${JSON.stringify(ref.kind)} in ${JSON.stringify(text)}${isKind(ref.kind) ? '' : didYouMean(ref.kind, [expected])}`,
          ),
        );
      } else if (!index.has(`${ref.kind}/${ref.name}`)) {
        const names = namesOfKind(resources, expected);
        diagnostics.push(
          diagnosticAt(loaded, path, `expected the name of a declared ${expected} (${declared(names)}), found ${JSON.stringify(ref.name)}${didYouMean(ref.name, names)}`),
        );
      }
    }
  }
  return diagnostics;
}
