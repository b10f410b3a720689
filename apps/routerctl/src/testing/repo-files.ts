// Test inputs read from the repository into a memoryIo's file map, keyed as the io will ask for them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The repository root (tests run with it as their cwd, so paths in output are stable). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Repository-relative paths → { absolute path: content }. */
export function repoFiles(...paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((path) => [resolve(REPO_ROOT, path), readFileSync(resolve(REPO_ROOT, path), 'utf8')]));
}

/** Fixed dirs for golden output. */
export const GOLDEN_ENV = { ROUTERD_STATE_DIR: '/srv/routerd/state', ROUTERD_RUNTIME_DIR: '/srv/routerd/run' };
