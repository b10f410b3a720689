// The .deb a system test installs: ROUTERD_DEB when given, else one `npm run package` builds into a
// temp folder of its own (the package's own test may build into dist/ at the same time).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.js';

const run = promisify(execFile);

export interface BuiltDeb {
  /** The .deb's path. */
  readonly path: string;
  /** Removes what this built (nothing for ROUTERD_DEB). */
  remove(): Promise<void>;
}

export async function builtDeb(): Promise<BuiltDeb> {
  const given = process.env['ROUTERD_DEB'];
  if (given !== undefined && given !== '') return { path: given, remove: async () => undefined };
  const out = await mkdtemp(join(tmpdir(), 'routerd-deb-'));
  const remove = () => rm(out, { recursive: true, force: true });
  try {
    const { stdout } = await run('npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: REPO_ROOT, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    if (!last.endsWith('.deb')) throw new Error(`npm run package: expected the .deb's path as the last line, found ${JSON.stringify(last)}`);
    return { path: last, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** A field of the .deb's control file (Version, Package ...), as dpkg-deb reads it. */
export async function debField(deb: string, field: string): Promise<string> {
  return (await run('dpkg-deb', ['--field', deb, field])).stdout.trim();
}
