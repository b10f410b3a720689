import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackageInputError } from './errors.js';
import { discoverBins, productVersion, sourceOf } from './workspace.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'routerd-package-ws-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

describe('workspace', () => {
  it('workspace › sourceOf reads a dist path as the TypeScript source it was compiled from', () => {
    expect(sourceOf('./dist/main.js')).toBe('src/main.ts');
    expect(sourceOf('dist/bin/tool.js')).toBe('src/bin/tool.ts');
    expect(sourceOf('./main.js')).toBeUndefined();
  });

  it('workspace › every bin of every app, sorted, each from its source; apps without bins and folders without package.json skipped', async () => {
    await put('apps/b/package.json', JSON.stringify({ bin: { 'routerd-b': './dist/main.js', 'routerd-b2': './dist/other.js' } }));
    await put('apps/b/src/main.ts', '');
    await put('apps/b/src/other.ts', '');
    await put('apps/a/package.json', JSON.stringify({ bin: { routerctl: './dist/main.js' } }));
    await put('apps/a/src/main.ts', '');
    await put('apps/lib/package.json', JSON.stringify({ name: 'no-bin' }));
    await mkdir(join(root, 'apps/empty'));
    expect(await discoverBins(root)).toEqual([
      { bin: 'routerctl', app: 'apps/a', entry: join(root, 'apps/a/src/main.ts') },
      { bin: 'routerd-b', app: 'apps/b', entry: join(root, 'apps/b/src/main.ts') },
      { bin: 'routerd-b2', app: 'apps/b', entry: join(root, 'apps/b/src/other.ts') },
    ]);
  });

  it('workspace › a bin whose source is missing, declared twice, or not a dist path is refused with the file named', async () => {
    await put('apps/a/package.json', JSON.stringify({ bin: { 'routerd-a': './dist/main.js' } }));
    await expect(discoverBins(root)).rejects.toThrow(`${join(root, 'apps/a/package.json')} "bin".routerd-a: expected its source ${join(root, 'apps/a/src/main.ts')} to exist, found none`);
    await put('apps/a/src/main.ts', '');
    await put('apps/b/package.json', JSON.stringify({ bin: { 'routerd-a': './dist/main.js' } }));
    await put('apps/b/src/main.ts', '');
    await expect(discoverBins(root)).rejects.toThrow('"bin".routerd-a: expected each command in one app, found it in apps/a too');
    await put('apps/b/package.json', JSON.stringify({ bin: { 'routerd-b': './bin/b.sh' } }));
    await expect(discoverBins(root)).rejects.toThrow('"bin".routerd-b: expected a path like ./dist/main.js, found "./bin/b.sh"');
    await put('apps/b/package.json', JSON.stringify({ bin: './dist/main.js' }));
    await expect(discoverBins(root)).rejects.toBeInstanceOf(PackageInputError);
  });

  it("workspace › the version is the root package.json's, refused when it is not a Debian upstream version", async () => {
    await put('package.json', JSON.stringify({ version: '1.2.3' }));
    expect(await productVersion(root)).toBe('1.2.3');
    await put('package.json', JSON.stringify({ version: 'v1_2' }));
    await expect(productVersion(root)).rejects.toThrow(`${join(root, 'package.json')} "version": expected a version like 0.1.0 (digits first; letters, digits, . + ~ -), found "v1_2"`);
  });
});
