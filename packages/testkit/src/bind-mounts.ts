import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';

import { TestkitOptionError } from './errors.js';

export interface BindMount {
  /** What the standby really has (a directory or file on this host). */
  readonly source: string;
  /** The path the sshd's processes see it at (usually the same path the active node uses). */
  readonly target: string;
}

// Runs in the new mount namespace: bind each pair, then exec the daemon. Paths arrive as
// positional arguments (absolute, so never read as options), never inside the script text.
const MOUNT_SCRIPT = 'while [ "$1" != -- ]; do mount --bind "$1" "$2" || exit 1; shift 2; done; shift; exec "$@"';

async function kindOf(path: string): Promise<'directory' | 'file' | undefined> {
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined) return undefined;
  return stats.isDirectory() ? 'directory' : 'file';
}

export async function checkBindMounts(mounts: unknown): Promise<BindMount[]> {
  if (!Array.isArray(mounts)) {
    throw new TestkitOptionError(`Expected the \`bindMounts\` option to be an array of {source, target}, got ${JSON.stringify(mounts)}`);
  }
  const checked: BindMount[] = [];
  for (const [index, mount] of mounts.entries()) {
    const at = `bindMounts[${index}]`;
    const source: unknown = typeof mount === 'object' && mount !== null ? Reflect.get(mount, 'source') : undefined;
    const target: unknown = typeof mount === 'object' && mount !== null ? Reflect.get(mount, 'target') : undefined;
    for (const [field, value] of [['source', source], ['target', target]] as const) {
      if (typeof value !== 'string' || !isAbsolute(value) || /[\n\0]/.test(value)) {
        throw new TestkitOptionError(`Expected ${at}.${field} to be an absolute path, got ${JSON.stringify(value)}`);
      }
    }
    const sourcePath = source as string;
    const targetPath = target as string;
    const sourceKind = await kindOf(sourcePath);
    const targetKind = await kindOf(targetPath);
    if (sourceKind === undefined) throw new TestkitOptionError(`Expected ${at}.source to exist, found nothing at ${sourcePath}`);
    if (targetKind !== sourceKind) {
      throw new TestkitOptionError(`Expected ${at}.target to be an existing ${sourceKind} like its source, found ${targetKind ?? 'nothing'} at ${targetPath}`);
    }
    checked.push({ source: sourcePath, target: targetPath });
  }
  return checked;
}

/** argv that runs `command` in a private mount namespace with the mounts applied. */
export function inMountNamespace(mounts: readonly BindMount[], command: readonly string[]): { file: string; args: string[] } {
  const pairs = mounts.flatMap((m) => [m.source, m.target]);
  return {
    file: 'unshare',
    args: ['--mount', '--propagation', 'private', '--', '/bin/sh', '-c', MOUNT_SCRIPT, 'routerd-testkit-mounts', ...pairs, '--', ...command],
  };
}
