// Configurations that are valid but probably not what the operator meant.
import { parseSourceRef, type SyncKind } from '../resources/lease-sync.js';
import { diagnosticAt, indexByKindName, shortName } from './check-context.js';
import { leaseFileOverride } from './check-lease-files.js';
import type { Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';

const SYNC_KIND_SET = new Set<string>(['DHCPv4ServerLeaseSync', 'DHCPv6ServerLeaseSync', 'DHCPv6PrefixDelegationLeaseSync']);

interface SyncView {
  loaded: LoadedResource;
  kind: SyncKind;
  source: string;
  hosts: string[];
}

function syncs(resources: readonly LoadedResource[]): SyncView[] {
  const out: SyncView[] = [];
  for (const loaded of resources) {
    const { resource } = loaded;
    if (!SYNC_KIND_SET.has(resource.kind) || !('targets' in resource.spec)) continue;
    out.push({
      loaded,
      kind: resource.kind as SyncKind,
      source: resource.spec.source.resource,
      hosts: resource.spec.targets.map((t) => t.host.toLowerCase()),
    });
  }
  return out;
}

export function checkSyncWarnings(resources: readonly LoadedResource[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const all = syncs(resources);
  // A DHCPv4 and a DHCPv6 sync of the same dnsmasq lease file to the same host copy it twice.
  const index = indexByKindName(resources);
  const sourceOf = (s: SyncView) => {
    const ref = parseSourceRef(s.kind, s.source);
    return index.get(`${ref.kind}/${ref.name}`);
  };
  for (const v6 of all.filter((s) => s.kind === 'DHCPv6ServerLeaseSync')) {
    const v6Source = sourceOf(v6);
    if (v6Source?.resource.kind !== 'DHCPv6Server') continue;
    for (const v4 of all.filter((s) => s.kind === 'DHCPv4ServerLeaseSync')) {
      const v4Source = sourceOf(v4);
      if (v4Source?.resource.kind !== 'DHCPv4Server') continue;
      const a = leaseFileOverride(v4Source);
      const b = leaseFileOverride(v6Source);
      if (a !== undefined && b !== undefined && a !== b) continue;
      const shared = v6.hosts.filter((host) => v4.hosts.includes(host));
      if (shared.length === 0) continue;
      diagnostics.push(
        diagnosticAt(
          v6.loaded,
          ['spec', 'source', 'resource'],
          `expected one sync per lease file and host, found ${shortName(v4.loaded.resource)} pushing the same dnsmasq lease file (${shortName(v4Source.resource)} and ${shortName(v6Source.resource)} share it) to ${shared.map((h) => JSON.stringify(h)).join(', ')}`,
          'warning',
        ),
      );
    }
  }
  return diagnostics;
}
