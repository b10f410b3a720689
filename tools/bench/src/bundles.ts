// The agents as the .deb installs and its launchers run them: the esbuild bundles `npm run package`
// builds, started with the launchers' Node options on node's own argv (V8 flags such as --lite-mode
// are refused in NODE_OPTIONS).
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { agentNodeArgs } from '@routerd/agent/defaults';
import { BenchSetupError } from './errors.js';

/** Builds the .deb once (npm run package) into <root>/deb and unpacks it; returns the bundles' folder. */
export async function unpackBundles(repo: string, root: string, progress: (text: string) => void): Promise<string> {
  const out = join(root, 'deb');
  progress('building the .deb (npm run package) for its bundles');
  await promisify(execFile)('npm', ['run', 'package', '--', '--out', out], { cwd: repo, maxBuffer: 16 * 1024 * 1024 });
  const deb = (await readdir(out)).find((f) => f.endsWith('.deb'));
  if (deb === undefined) throw new BenchSetupError(`npm run package --out ${out}: expected a .deb there, found ${JSON.stringify(await readdir(out))}`);
  const tree = join(root, 'deb-tree');
  await promisify(execFile)('dpkg-deb', ['-x', join(out, deb), tree]);
  return join(tree, 'usr/lib/routerd-lease-sync');
}

/** node's argv for a bundle, as /usr/bin/<bin> runs it (tools/package launcher.ts), with this process's node. */
export function launcherArgv(bundles: string, bin: string, nodeOptions: readonly string[] = agentNodeArgs(bin)): string[] {
  return [process.execPath, ...nodeOptions, join(bundles, `${bin}.mjs`)];
}
