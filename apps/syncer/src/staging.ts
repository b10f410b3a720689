// Immutable, content-addressed copies of the source (invariant 2: rsync ships a snapshot that
// parsed, never the live file dnsmasq rewrites in place). A copy lives while a worker holds it.
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Staging {
  /** Path of the copy of `content` named by its sha256; written once, atomically. */
  stage(content: Buffer, sha256: string, mode: number): Promise<string>;
  hold(sha256: string): void;
  release(sha256: string): void;
  /** Removes the whole staging folder. */
  clear(): Promise<void>;
}

export function createStaging(dir: string): Staging {
  const holds = new Map<string, number>();
  const written = new Set<string>();
  let latest: string | undefined;

  const drop = (sha256: string) => {
    if (sha256 === latest || (holds.get(sha256) ?? 0) > 0 || !written.has(sha256)) return;
    written.delete(sha256);
    rm(join(dir, sha256), { force: true }).catch(() => undefined);
  };

  return {
    async stage(content, sha256, mode) {
      const path = join(dir, sha256);
      const previous = latest;
      latest = sha256;
      if (!written.has(sha256)) {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        const tmp = `${path}.tmp-${process.pid}`;
        await writeFile(tmp, content, { mode: 0o600 });
        // The standby gets the source's permissions (rsync -a), not the private temp mode.
        await chmod(tmp, mode & 0o777);
        await rename(tmp, path);
        written.add(sha256);
      }
      if (previous !== undefined && previous !== sha256) drop(previous);
      return path;
    },
    hold(sha256) {
      holds.set(sha256, (holds.get(sha256) ?? 0) + 1);
    },
    release(sha256) {
      const count = (holds.get(sha256) ?? 0) - 1;
      if (count > 0) holds.set(sha256, count);
      else {
        holds.delete(sha256);
        drop(sha256);
      }
    },
    async clear() {
      await rm(dir, { recursive: true, force: true });
      written.clear();
    },
  };
}
