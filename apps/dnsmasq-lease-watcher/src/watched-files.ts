// Which files to watch: the source file of every lease sync, each with every source resource that uses it.
import { posix } from 'node:path';
import type { SourceKind } from '@routerd/bus';
import { parseSourceRef, type LeaseSyncResource, type Resource, type RouterConfig, errorMessage, type RuntimeDirs, sourcePath, SYNC_SOURCE_KIND } from '@routerd/model';

/** How the content of a file is checked: dnsmasq's lease format or the PD client's lease.json. */
export type LeaseFormat = 'dnsmasq' | 'pd-lease';

export interface WatchedSource {
  kind: SourceKind;
  name: string;
}

export interface WatchedFile {
  path: string;
  dir: string;
  fileName: string;
  format: LeaseFormat;
  /** Every source resource whose file this is, in configuration order, each once. */
  sources: WatchedSource[];
}

export function formatOf(kind: SourceKind): LeaseFormat {
  return kind === 'DHCPv6PrefixDelegation' ? 'pd-lease' : 'dnsmasq';
}

function isSync(resource: Resource): resource is LeaseSyncResource {
  return Object.hasOwn(SYNC_SOURCE_KIND, resource.kind);
}

/**
 * The watched set of a configuration. A sync whose source cannot be resolved is reported through
 * `problem` and skipped: the others are still watched.
 */
export function watchedFiles(config: RouterConfig, dirs: RuntimeDirs, problem: (message: string) => void): WatchedFile[] {
  const byPath = new Map<string, WatchedFile>();
  for (const resource of config.resources) {
    if (!isSync(resource)) continue;
    const syncId = `${resource.kind}/${resource.metadata.name}`;
    const ref = parseSourceRef(resource.kind, resource.spec.source.resource);
    const expected = SYNC_SOURCE_KIND[resource.kind];
    if (ref.kind !== expected) {
      problem(`${syncId}: expected spec.source.resource to name a ${expected}, found ${JSON.stringify(resource.spec.source.resource)}; not watched`);
      continue;
    }
    const kind: SourceKind = expected;
    let path: string;
    try {
      path = sourcePath(config, ref, dirs);
    } catch (error) {
      problem(`${syncId}: ${errorMessage(error)}; not watched`);
      continue;
    }
    const format = formatOf(kind);
    const file = byPath.get(path);
    if (file === undefined) {
      byPath.set(path, { path, dir: posix.dirname(path), fileName: posix.basename(path), format, sources: [{ kind, name: ref.name }] });
      continue;
    }
    if (file.format !== format) {
      problem(`${syncId}: ${path} is already watched as a ${file.format} file for ${file.sources.map((s) => `${s.kind}/${s.name}`).join(', ')}; not watched as ${format}`);
      continue;
    }
    if (!file.sources.some((s) => s.kind === kind && s.name === ref.name)) file.sources.push({ kind, name: ref.name });
  }
  return [...byPath.values()];
}
