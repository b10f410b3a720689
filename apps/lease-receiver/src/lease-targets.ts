// The lease files this node accepts from its peer: the source of every lease sync of its configuration
// (the same paths the peer's plan pushes to, derived the same way), with how a push is delivered.
import { parseSourceRef, sourcePath, SYNC_SOURCE_KIND, type LeaseSyncResource, type RouterConfig, type RuntimeDirs, type SourceRef } from '@routerd/model';
import type { LeaseDelivery } from '@routerd/leases';

export interface LeaseTarget {
  path: string;
  /** The sources whose file this is: a DHCPv4Server and a DHCPv6Server share dnsmasq's. */
  sources: SourceRef[];
  /** `replace` only when every sync of the path says so; `merge` (the default) otherwise. */
  delivery: LeaseDelivery;
  /** A DHCPv6PrefixDelegation lease (one JSON object): taken whole, as there is nothing to merge. */
  whole: boolean;
  /** "Kind/name" of the syncs naming this path. */
  syncs: string[];
}

function isSync(resource: RouterConfig['resources'][number]): resource is LeaseSyncResource {
  return Object.hasOwn(SYNC_SOURCE_KIND, resource.kind);
}

/** spec.delivery, read without depending on the field being in this build's model (merge when absent). */
function deliveryOf(sync: LeaseSyncResource): LeaseDelivery {
  return 'delivery' in sync.spec && sync.spec.delivery === 'replace' ? 'replace' : 'merge';
}

/** Every lease path of the configuration, in order; throws what sourcePath throws (SourcePathError). */
export function leaseTargets(config: RouterConfig, dirs: RuntimeDirs): Map<string, LeaseTarget> {
  const targets = new Map<string, LeaseTarget>();
  const deliveries = new Map<string, LeaseDelivery[]>();
  for (const sync of config.resources.filter(isSync)) {
    const source = parseSourceRef(sync.kind, sync.spec.source.resource);
    const path = sourcePath(config, source, dirs);
    const target = targets.get(path) ?? { path, sources: [], delivery: 'merge', whole: source.kind === 'DHCPv6PrefixDelegation', syncs: [] };
    if (!target.sources.some((s) => s.kind === source.kind && s.name === source.name)) target.sources.push(source);
    target.syncs.push(`${sync.kind}/${sync.metadata.name}`);
    targets.set(path, target);
    deliveries.set(path, [...(deliveries.get(path) ?? []), deliveryOf(sync)]);
  }
  for (const [path, target] of targets) target.delivery = deliveries.get(path)?.every((d) => d === 'replace') === true ? 'replace' : 'merge';
  return targets;
}
