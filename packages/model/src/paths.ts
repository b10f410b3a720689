// Derived paths (reference section 4): the configuration never repeats them; the sync derives them.
import { posix } from 'node:path';
import type { SourceRef } from './resources/lease-sync.js';
import type { RouterConfig } from './router.js';

export interface RuntimeDirs {
  stateDir: string;
  runtimeDir: string;
}

export const DEFAULT_STATE_DIR = '/var/lib/routerd';
export const DEFAULT_RUNTIME_DIR = '/run/routerd';

export class RuntimeDirError extends Error {
  override name = 'RuntimeDirError';
}

export class SourcePathError extends Error {
  override name = 'SourcePathError';
}

function dirFromEnv(env: Record<string, string | undefined>, variable: string, fallback: string): string {
  const value = env[variable];
  // An empty value counts as unset, as with systemd's `Environment=VAR=`.
  if (value === undefined || value === '') return fallback;
  if (!value.startsWith('/')) {
    throw new RuntimeDirError(`${variable} must be an absolute path, found ${JSON.stringify(value)}`);
  }
  if (/[\0\n\r]/.test(value)) {
    throw new RuntimeDirError(`${variable} must be a path without newlines or NUL, found ${JSON.stringify(value)}`);
  }
  const normalized = posix.normalize(value);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** State and runtime dirs: ROUTERD_STATE_DIR and ROUTERD_RUNTIME_DIR, else the Linux defaults. */
export function runtimeDirs(env: Record<string, string | undefined>): RuntimeDirs {
  return {
    stateDir: dirFromEnv(env, 'ROUTERD_STATE_DIR', DEFAULT_STATE_DIR),
    runtimeDir: dirFromEnv(env, 'ROUTERD_RUNTIME_DIR', DEFAULT_RUNTIME_DIR),
  };
}

/** The one dnsmasq lease file: the DHCP servers' common leaseFile override, else <stateDir>/dnsmasq/dnsmasq.leases. */
export function dnsmasqLeaseFile(config: RouterConfig, dirs: RuntimeDirs): string {
  const overrides: { id: string; leaseFile: string }[] = [];
  for (const resource of config.resources) {
    if ((resource.kind === 'DHCPv4Server' || resource.kind === 'DHCPv6Server') && resource.spec.leaseFile) {
      overrides.push({ id: `${resource.kind}/${resource.metadata.name}`, leaseFile: resource.spec.leaseFile });
    }
  }
  const [first] = overrides;
  if (first === undefined) return posix.join(dirs.stateDir, 'dnsmasq', 'dnsmasq.leases');
  const other = overrides.find((o) => o.leaseFile !== first.leaseFile);
  if (other !== undefined) {
    throw new SourcePathError(
      `one dnsmasq serves every DHCP server, so their leaseFile values must agree: ${first.id} sets ${JSON.stringify(first.leaseFile)}, ${other.id} sets ${JSON.stringify(other.leaseFile)}`,
    );
  }
  return first.leaseFile;
}

/** The file a sync pushes for its source resource. */
export function sourcePath(config: RouterConfig, source: SourceRef, dirs: RuntimeDirs): string {
  switch (source.kind) {
    case 'DHCPv4Server':
    case 'DHCPv6Server':
      return dnsmasqLeaseFile(config, dirs);
    case 'DHCPv6PrefixDelegation':
      if (source.name === '' || source.name === '.' || source.name === '..' || /[/\0]/.test(source.name)) {
        throw new SourcePathError(`expected a DHCPv6PrefixDelegation name that is one path segment, found ${JSON.stringify(source.name)}`);
      }
      return posix.join(dirs.stateDir, 'dhcpv6-client', source.name, 'lease.json');
    default:
      throw new SourcePathError(
        `expected a source kind of DHCPv4Server, DHCPv6Server or DHCPv6PrefixDelegation, found ${JSON.stringify(source.kind)} (source ${source.kind}/${source.name})`,
      );
  }
}
