// npm run package: stages the installed tree in a temp dir, then dpkg-deb builds the .deb from it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { bundleBin, type Bundle } from './bundle.js';
import { controlFile, POSTINST, POSTRM } from './control.js';
import { copyrightFile, readBundledPackage } from './copyright.js';
import { PackageInputError, ToolError } from './errors.js';
import { agentNodeArgs } from '@routerd/agent/defaults';
import { agentBins, launcherScript } from './launcher.js';
import { BASH_COMPLETION_FILE, BIN_DIR, bundlePath, DOC_DIR, LIB_DIR, PACKAGE_NAME, ZSH_COMPLETION_FILE } from './layout.js';
import { repoFiles, unitNames } from './repo-files.js';
import { discoverBins, productVersion } from './workspace.js';

export interface BuiltDeb {
  /** The .deb: <outDir>/routerd-lease-sync_<version>_all.deb. */
  readonly path: string;
  readonly version: string;
  readonly bytes: number;
  readonly installedSizeKiB: number;
  readonly bundles: readonly Bundle[];
  /** The bins whose launcher carries the agents' Node options. */
  readonly agents: readonly string[];
}

async function rootManifest(root: string): Promise<{ maintainer: string; synopsis: string }> {
  const file = join(root, 'package.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const { author, description } = json;
  if (typeof author !== 'string' || !/^[^<>]+ <[^<>@\s]+@[^<>\s]+>$/.test(author)) {
    throw new PackageInputError(`${file} "author": expected "Name <email>", the package's Maintainer, found ${JSON.stringify(author)}`);
  }
  if (typeof description !== 'string' || description === '' || description.length > 80) {
    throw new PackageInputError(`${file} "description": expected one line of at most 80 characters, the package's synopsis, found ${JSON.stringify(description)}`);
  }
  return { maintainer: author, synopsis: description };
}

async function put(tree: string, installed: string, content: string | Buffer, mode: number): Promise<void> {
  const file = join(tree, installed);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  await chmod(file, mode);
}

/** Every file under `dir`, relative to it; and every folder, for Installed-Size. */
async function walk(dir: string): Promise<{ files: string[]; dirs: string[] }> {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name));
    (entry.isDirectory() ? dirs : files).push(path);
  }
  return { files: files.sort(), dirs: dirs.sort() };
}

/** Debian's Installed-Size, as dpkg-gencontrol counts it: each file's size in KiB rounded up, one per folder. */
async function installedSizeKiB(tree: string, files: readonly string[], dirs: readonly string[]): Promise<number> {
  let kib = dirs.length;
  for (const file of files) kib += Math.ceil((await stat(join(tree, file))).size / 1024);
  return kib;
}

async function md5sums(tree: string, files: readonly string[]): Promise<string> {
  const lines = await Promise.all(files.map(async (file) => `${createHash('md5').update(await readFile(join(tree, file))).digest('hex')}  ${file}`));
  return `${lines.join('\n')}\n`;
}

/**
 * SOURCE_DATE_EPOCH for dpkg-deb, which clamps every file's time to it: the caller's, else the last
 * commit's, so that one commit builds one .deb byte for byte; none outside a git checkout.
 */
async function sourceDateEpoch(root: string): Promise<string | undefined> {
  const given = process.env['SOURCE_DATE_EPOCH'];
  if (given !== undefined && given !== '') return given;
  const committed = await promisify(execFile)('git', ['-C', root, 'log', '-1', '--format=%ct']).then(
    ({ stdout }) => stdout.trim(),
    () => '',
  );
  return /^\d+$/.test(committed) ? committed : undefined;
}

/** routerctl's completion script for `shell`, printed by the bundle just built (one definition: routerctl's). */
async function completionScript(tree: string, shell: 'bash' | 'zsh'): Promise<string> {
  const bundle = join(tree, bundlePath('routerctl'));
  try {
    return (await promisify(execFile)(process.execPath, [bundle, 'completion', shell])).stdout;
  } catch (error) {
    throw new ToolError(`routerctl completion ${shell}: expected the script, found ${String(error)}`, { cause: error });
  }
}

async function dpkgDeb(args: readonly string[], epoch: string | undefined): Promise<string> {
  const env = epoch === undefined ? process.env : { ...process.env, SOURCE_DATE_EPOCH: epoch };
  try {
    return (await promisify(execFile)('dpkg-deb', [...args], { env, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : '';
    throw new ToolError(`dpkg-deb ${args.join(' ')}: expected success, found ${stderr || String(error)}`, { cause: error });
  }
}

export interface BuildOptions {
  /** The repository. */
  readonly root: string;
  /** Where the .deb goes; created when missing. */
  readonly outDir: string;
  /** Told each step as it completes (one line, no newline). */
  readonly progress?: (line: string) => void;
}

export async function buildDeb({ root, outDir, progress = () => undefined }: BuildOptions): Promise<BuiltDeb> {
  const version = await productVersion(root);
  const { maintainer, synopsis } = await rootManifest(root);
  const bins = await discoverBins(root);
  const copied = await repoFiles(root);
  const agents = agentBins(
    bins.map((b) => b.bin),
    unitNames(copied),
  );
  const staging = await mkdtemp(join(tmpdir(), 'routerd-package-'));
  try {
    const tree = join(staging, 'tree');
    const libDir = join(tree, LIB_DIR);
    await mkdir(libDir, { recursive: true });
    const bundles: Bundle[] = [];
    for (const entry of bins) {
      const bundle = await bundleBin(entry, libDir, root);
      await chmod(bundle.file, 0o644);
      bundles.push(bundle);
      progress(`bundled ${entry.bin} (${entry.app}): ${bundle.bytes} bytes`);
      await put(tree, `${BIN_DIR}/${entry.bin}`, launcherScript(entry.bin, agents.has(entry.bin) ? agentNodeArgs(entry.bin) : []), 0o755);
    }
    for (const file of copied) await put(tree, file.to, await readFile(join(root, file.from)), 0o644);
    await put(tree, BASH_COMPLETION_FILE, await completionScript(tree, 'bash'), 0o644);
    await put(tree, ZSH_COMPLETION_FILE, await completionScript(tree, 'zsh'), 0o644);
    const packageDirs = [...new Set(bundles.flatMap((b) => b.packages))].sort();
    const bundled = await Promise.all(packageDirs.map((dir) => readBundledPackage(join(root, dir))));
    const unique = [...new Map(bundled.map((p) => [`${p.name}@${p.version}`, p])).values()].sort((a, b) => a.name.localeCompare(b.name));
    await put(tree, `${DOC_DIR}/copyright`, copyrightFile(maintainer.replace(/ <.*>$/, ''), unique), 0o644);

    const { files, dirs } = await walk(tree);
    for (const dir of dirs) await chmod(join(tree, dir), 0o755);
    const size = await installedSizeKiB(tree, files, dirs);
    await put(tree, 'DEBIAN/control', controlFile({ version, maintainer, synopsis, installedSizeKiB: size }), 0o644);
    await put(tree, 'DEBIAN/md5sums', await md5sums(tree, files), 0o644);
    await put(tree, 'DEBIAN/postinst', POSTINST, 0o755);
    await put(tree, 'DEBIAN/postrm', POSTRM, 0o755);
    await chmod(join(tree, 'DEBIAN'), 0o755);
    await chmod(tree, 0o755);

    await mkdir(outDir, { recursive: true });
    const path = join(outDir, `${PACKAGE_NAME}_${version}_all.deb`);
    await dpkgDeb(['--root-owner-group', '-Zxz', '--build', tree, path], await sourceDateEpoch(root));
    const bytes = (await stat(path)).size;
    progress(`built ${path}: ${bytes} bytes, Installed-Size ${size} KiB`);
    return { path, version, bytes, installedSizeKiB: size, bundles, agents: [...agents].sort() };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
