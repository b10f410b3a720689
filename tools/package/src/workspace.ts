// What the package is made of, read from the repository: the version, and every bin the apps declare.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PackageInputError } from './errors.js';

/** One command of the product: `bin` from an app's package.json "bin", built from `entry`. */
export interface BinEntry {
  readonly bin: string;
  /** The app's folder, relative to the repository, e.g. apps/syncer. */
  readonly app: string;
  /** The TypeScript source of the bin, absolute: its "bin" path with dist/*.js read as src/*.ts. */
  readonly entry: string;
}

const BIN_NAME = /^[a-z][a-z0-9-]*$/;
const DEBIAN_VERSION = /^[0-9][A-Za-z0-9.+~-]*$/;

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PackageInputError(`${file}: expected a readable package.json, found ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PackageInputError(`${file}: expected JSON, found a syntax error: ${(error as Error).message}`, { cause: error });
  }
}

function field(json: unknown, name: string): unknown {
  return typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
}

/** The root package.json's "version", checked to be a Debian upstream version. */
export async function productVersion(root: string): Promise<string> {
  const file = join(root, 'package.json');
  const version = field(await readJson(file), 'version');
  if (typeof version !== 'string' || !DEBIAN_VERSION.test(version)) {
    throw new PackageInputError(`${file} "version": expected a version like 0.1.0 (digits first; letters, digits, . + ~ -), found ${JSON.stringify(version)}`);
  }
  return version;
}

/** The TypeScript source a bin's dist path was compiled from: ./dist/main.js -> src/main.ts. */
export function sourceOf(binPath: string): string | undefined {
  const match = /^(?:\.\/)?dist\/(.+)\.js$/.exec(binPath);
  return match === null ? undefined : `src/${match[1]}.ts`;
}

/** Every bin of every apps/<app>/package.json, sorted by name; a name declared twice or a missing source is an error. */
export async function discoverBins(root: string): Promise<BinEntry[]> {
  const appsDir = join(root, 'apps');
  const bins = new Map<string, BinEntry>();
  for (const app of (await readdir(appsDir)).sort()) {
    const file = join(appsDir, app, 'package.json');
    if (!(await stat(file).catch(() => undefined))?.isFile()) continue;
    const declared = field(await readJson(file), 'bin');
    if (declared === undefined) continue;
    if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) {
      throw new PackageInputError(`${file} "bin": expected an object of command names to paths, found ${JSON.stringify(declared)}`);
    }
    for (const [bin, path] of Object.entries(declared)) {
      if (!BIN_NAME.test(bin)) throw new PackageInputError(`${file} "bin": expected a command name of lowercase letters, digits and "-", found ${JSON.stringify(bin)}`);
      const source = typeof path === 'string' ? sourceOf(path) : undefined;
      if (source === undefined) throw new PackageInputError(`${file} "bin".${bin}: expected a path like ./dist/main.js, found ${JSON.stringify(path)}`);
      const entry = join(appsDir, app, source);
      if (!(await stat(entry).catch(() => undefined))?.isFile()) throw new PackageInputError(`${file} "bin".${bin}: expected its source ${entry} to exist, found none`);
      const other = bins.get(bin);
      if (other !== undefined) throw new PackageInputError(`${file} "bin".${bin}: expected each command in one app, found it in ${other.app} too`);
      bins.set(bin, { bin, app: `apps/${app}`, entry });
    }
  }
  if (bins.size === 0) throw new PackageInputError(`${appsDir}: expected apps whose package.json declares a "bin", found none`);
  return [...bins.values()].sort((a, b) => a.bin.localeCompare(b.bin));
}
