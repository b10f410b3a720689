// The last event per VirtualAddress, under <runtimeDir>/vip-watcher/<name>.json, so that
// lastRoleTransitionAt survives a restart of the vip-watcher.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { decode, resourceNameProblem, vipRoleEventSchema, type VipRoleEvent } from '@routerd/bus';
import { RoleStoreError } from './errors.js';
import { errorMessage } from '@routerd/model';

export interface RoleStore {
  readonly dir: string;
  /** The stored event, undefined when there is none; throws RoleStoreError when it is unreadable or invalid. */
  load(name: string): Promise<VipRoleEvent | undefined>;
  /** Writes atomically (temp file + rename); throws RoleStoreError. */
  save(event: VipRoleEvent): Promise<void>;
}

function code(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function roleStoreDir(runtimeDir: string): string {
  return posix.join(runtimeDir, 'vip-watcher');
}

export function createRoleStore(runtimeDir: string): RoleStore {
  const dir = roleStoreDir(runtimeDir);
  const fileOf = (name: string) => {
    const problem = resourceNameProblem(name);
    if (problem !== undefined) throw new RoleStoreError(`role store: ${problem}`);
    return posix.join(dir, `${name}.json`);
  };
  return {
    dir,
    async load(name) {
      const file = fileOf(name);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (cause) {
        if (code(cause) === 'ENOENT') return undefined;
        throw new RoleStoreError(`role store: cannot read ${file}: ${errorMessage(cause)}`, { cause });
      }
      const result = decode(vipRoleEventSchema, text, file);
      if (!result.ok) throw new RoleStoreError(`role store: ${file}: ${result.error.message}`, { cause: result.error });
      if (result.value.name !== name) {
        throw new RoleStoreError(`role store: ${file}: expected the event of ${JSON.stringify(name)}, found one of ${JSON.stringify(result.value.name)}`);
      }
      return result.value;
    },
    async save(event) {
      const file = fileOf(event.name);
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temp, `${JSON.stringify(event)}\n`, { mode: 0o644 });
        await rename(temp, file);
      } catch (cause) {
        throw new RoleStoreError(`role store: cannot write ${file}: ${errorMessage(cause)}`, { cause });
      }
    },
  };
}

/** The transition time to publish: the stored one when the role has not changed since, else `now`. */
export function carriedTransition(stored: VipRoleEvent | undefined, role: VipRoleEvent['role'], now: string): string {
  return stored !== undefined && stored.role === role ? stored.lastRoleTransitionAt : now;
}
