// Debian 12's own nodejs, fetched with apt-get download and unpacked (not installed) into a cache folder,
// with the libraries it links that a Debian root may lack: the Node a router running Debian's nodejs has.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ToolError } from '../errors.js';

/** Debian 12 (bookworm) ships nodejs 18. */
export const DEBIAN_NODE_MAJOR = 18;
// In every Debian root already, and the host's own must stay in charge of the host's processes.
const BASE_LIBRARIES = new Set(['libc6', 'libgcc-s1', 'libstdc++6', 'zlib1g']);

async function run(file: string, args: readonly string[], cwd?: string): Promise<string> {
  try {
    return (await promisify(execFile)(file, [...args], { cwd, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : '';
    throw new ToolError(`${file} ${args.join(' ')}: expected success, found ${stderr || String(error)}`, { cause: error });
  }
}

/** The newest nodejs <major>.x the apt sources offer, from `apt-cache madison nodejs` (newest first). */
export function pickVersion(madison: string, major: number): string | undefined {
  return madison
    .split('\n')
    .map((line) => line.split('|')[1]?.trim())
    .find((version) => version?.startsWith(`${major}.`));
}

/** The Depends of `apt-cache depends` output, without virtual names (<...>). */
export function dependsOf(output: string): string[] {
  return output.split('\n').flatMap((line) => {
    const match = /^\s*\|?Depends: ([^<\s]\S*)$/.exec(line);
    return match?.[1] === undefined ? [] : [match[1]];
  });
}

/** The packages to fetch: nodejs and its libnode at `version`, and every library libnode depends on but the base ones. */
async function packageList(version: string): Promise<string[]> {
  const libnode = dependsOf(await run('apt-cache', ['depends', `nodejs=${version}`])).find((name) => /^libnode\d+$/.test(name));
  if (libnode === undefined) throw new ToolError(`apt-cache depends nodejs=${version}: expected a libnodeNNN among its Depends, found none`);
  const libraries = dependsOf(await run('apt-cache', ['depends', `${libnode}=${version}`])).filter((name) => !BASE_LIBRARIES.has(name));
  return [`nodejs=${version}`, `${libnode}=${version}`, ...new Set(libraries)];
}

/**
 * The folder holding usr/bin/node and usr/lib/... of Debian's nodejs <major>, fetched once into
 * `cacheDir` and reused. Needs apt lists that know it (apt-get update); runs apt-get as the caller.
 */
export async function debianNode(cacheDir: string, major = DEBIAN_NODE_MAJOR): Promise<{ root: string; version: string }> {
  const version = pickVersion(await run('apt-cache', ['madison', 'nodejs']), major);
  if (version === undefined) {
    throw new ToolError(`apt-cache madison nodejs: expected a nodejs ${major}.x in the apt sources (Debian 12's), found none; run apt-get update (tools/setup.sh does)`);
  }
  const root = join(cacheDir, `nodejs-${version.replace(/[^A-Za-z0-9.+~-]/g, '_')}`);
  if ((await stat(join(root, 'usr', 'bin', 'node')).catch(() => undefined))?.isFile() === true) return { root, version };
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, 'fetch-'));
  try {
    const debs = join(work, 'debs');
    const unpacked = join(work, 'root');
    await mkdir(debs);
    await run('apt-get', ['download', '-q', '-o', 'APT::Sandbox::User=root', ...(await packageList(version))], debs);
    for (const deb of (await readdir(debs)).filter((name) => name.endsWith('.deb'))) await run('dpkg-deb', ['-x', join(debs, deb), unpacked]);
    // Another run may have finished the same fetch meanwhile: its folder is as good as ours.
    await rename(unpacked, root).catch(async (error: unknown) => {
      if ((await stat(join(root, 'usr', 'bin', 'node')).catch(() => undefined))?.isFile() !== true) throw error;
    });
    return { root, version };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
