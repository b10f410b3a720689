// Doubles for the lease side of the promoter: an inbox in memory, and applyToLive/withLeaseLock over it
// that merge with the real three-way merge (@routerd/leases mergeLeaseFiles) and record the lock.
import { mergeLeaseFiles } from '@routerd/leases';
import { inboxPaths } from '@routerd/model';
import type { RunAs } from '@routerd/agent';
import type { InboxFs } from '../inbox.js';
import type { LeaseFunctions } from '../lease-files.js';

export interface MemoryFs extends InboxFs {
  files: Map<string, string>;
  /** Dirs ensurePrivateDir created, and for whom ("self" for this process). */
  dirs: Map<string, string>;
  /** What pullUser answers. */
  pullAs: RunAs | undefined;
}

export function memoryFs(): MemoryFs {
  const files = new Map<string, string>();
  const dirs = new Map<string, string>();
  const fs: MemoryFs = {
    files,
    dirs,
    pullAs: undefined,
    exists: (path) => Promise.resolve(files.has(path)),
    remove: (path) => {
      files.delete(path);
      return Promise.resolve();
    },
    ensureDir: () => Promise.resolve(),
    ensurePrivateDir: (path, owner) => {
      if (!dirs.has(path)) dirs.set(path, owner === undefined ? 'self' : `${owner.uid}:${owner.gid}`);
      return Promise.resolve();
    },
    pullUser: () => Promise.resolve(fs.pullAs),
    rename: (from, to) => {
      const text = files.get(from);
      if (text === undefined) return Promise.resolve(false);
      files.delete(from);
      files.set(to, text);
      return Promise.resolve(true);
    },
  };
  return fs;
}

export interface MemoryLeases extends LeaseFunctions {
  /** Live files whose lock is held now. */
  held: Set<string>;
  /** Each merge: the file merged from. */
  merges: string[];
}

/** applyToLive and withLeaseLock on `fs`, as @routerd/leases documents them. */
export function memoryLeases(fs: MemoryFs): MemoryLeases {
  const leases: MemoryLeases = {
    held: new Set(),
    merges: [],
    applyToLive({ live, from, now }) {
      const { base } = inboxPaths(live);
      const incoming = fs.files.get(from);
      if (incoming === undefined) return Promise.reject(new Error(`ENOENT: ${from}`));
      const before = fs.files.get(live) ?? '';
      const result = mergeLeaseFiles({ base: fs.files.get(base) ?? '', live: before, incoming, now });
      leases.merges.push(from);
      fs.files.set(live, result.text);
      fs.files.set(base, incoming);
      const count = result.text.split('\n').filter((line) => line !== '' && !line.startsWith('duid ')).length;
      return Promise.resolve({ changed: result.text !== before, leases: count, taken: result.taken, kept: result.kept, conflicts: [...result.conflicts] });
    },
    async withLeaseLock<T>(live: string, fn: () => Promise<T>): Promise<T> {
      if (leases.held.has(live)) throw new Error(`the lock of ${live} is held`);
      leases.held.add(live);
      try {
        return await fn();
      } finally {
        leases.held.delete(live);
      }
    },
  };
  return leases;
}

/** A dnsmasq v4 lease line expiring `hours` after `now` (Unix seconds). */
export function lease(now: number, hours: number, n: number, client = `01:02:00:00:00:00:${n.toString(16).padStart(2, '0')}`): string {
  return `${now + hours * 3600} 02:00:00:00:00:${n.toString(16).padStart(2, '0')} 192.0.2.${100 + n} host${n} ${client}\n`;
}
