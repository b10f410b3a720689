import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { guardDir, releaseDir } from './exit-guard.js';

/** A fresh directory under the OS temp dir, removed by `removeTempDir` or at process exit. */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `routerd-${prefix}-`));
  guardDir(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  releaseDir(dir);
}
