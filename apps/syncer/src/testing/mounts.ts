// Filesystems that really fail, for the staging tests: a tmpfs of a few KiB (ENOSPC) and a read-only
// bind mount (EROFS), each mounted over a folder of the test's temp dir and unmounted by its cleanup.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface TestMount {
  readonly path: string;
  /** `mount -o remount,<options>`, e.g. "size=64k" to make room. */
  remount(options: string): Promise<void>;
  /** Unmounts (lazily, so an open file does not keep it); safe to call twice. */
  unmount(): Promise<void>;
}

function handle(path: string, remountPrefix: string): TestMount {
  let mounted = true;
  return {
    path,
    remount: async (options) => void (await exec('mount', ['-o', `remount,${remountPrefix}${options}`, path])),
    async unmount() {
      if (!mounted) return;
      mounted = false;
      await exec('umount', ['-l', path]);
    },
  };
}

/** A tmpfs of `size` (mount's syntax: "8k") at `path`, created if missing. */
export async function mountTmpfs(path: string, size: string): Promise<TestMount> {
  await mkdir(path, { recursive: true });
  await exec('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'routerd-test', path]);
  return handle(path, '');
}

/** `path` bind-mounted over itself, read-only. */
export async function bindReadOnly(path: string): Promise<TestMount> {
  await mkdir(path, { recursive: true });
  await exec('mount', ['--bind', path, path]);
  const mount = handle(path, 'bind,');
  try {
    await exec('mount', ['-o', 'remount,bind,ro', path]);
  } catch (error) {
    await mount.unmount();
    throw error;
  }
  return mount;
}
