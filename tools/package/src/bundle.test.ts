import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleBin, foreignImports, packageOfInput } from './bundle.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let dir: string;

beforeAll(async () => {
  // Inside the repository, so that the fixtures resolve pino from its node_modules as the apps do.
  const cache = join(ROOT, 'node_modules', '.cache', 'routerd-package');
  await mkdir(cache, { recursive: true });
  dir = await mkdtemp(join(cache, 'bundle-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bundleAndRun(name: string, source: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const entry = join(dir, `${name}.ts`);
  await writeFile(entry, source);
  const bundle = await bundleBin({ bin: name, app: 'fixture', entry }, join(dir, 'out'), ROOT);
  try {
    return { ...(await promisify(execFile)(process.execPath, [bundle.file])), code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('bundle', () => {
  it("bundle › a CommonJS dependency's require() of a Node module works in the ESM bundle", async () => {
    await writeFile(join(dir, 'eol.cjs'), "module.exports = JSON.stringify(require('node:os').EOL);\n");
    const result = await bundleAndRun('cjs', "import eol from './eol.cjs';\nprocess.stdout.write(eol);\n");
    expect(result).toEqual({ stdout: '"\\n"', stderr: '', code: 0 });
  });

  it('bundle › pino logs to a stream; a pino transport fails loudly instead of looking for worker files the bundle lacks', async () => {
    const result = await bundleAndRun(
      'pino',
      "import { pino } from 'pino';\npino(pino.destination({ dest: 1, sync: true })).info('hello');\ntry { pino.transport({ target: 'pino/file' }); } catch (e) { process.stderr.write(String(e)); }\n",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"msg":"hello"');
    expect(result.stderr).toBe('Error: pino transports are not available in the routerd bundles: log to a stream');
  });

  it("bundle › an import left for run time that is not Node's own is a bundle that would fail", () => {
    const metafile = {
      inputs: {},
      outputs: {
        'out.mjs': {
          bytes: 1,
          inputs: {},
          exports: [],
          imports: [
            { path: 'node:fs', kind: 'import-statement', external: true },
            { path: 'fs', kind: 'require-call', external: true },
            { path: 'left-out', kind: 'dynamic-import', external: true },
            { path: 'src/a.ts', kind: 'import-statement' },
          ],
        },
      },
    } as unknown as Metafile;
    expect(foreignImports(metafile)).toEqual(['dynamic-import "left-out"']);
  });

  it('bundle › an input belongs to the npm package of its last node_modules folder', () => {
    expect(packageOfInput('node_modules/pino/lib/tools.js')).toBe('node_modules/pino');
    expect(packageOfInput('node_modules/@pinojs/redact/index.js')).toBe('node_modules/@pinojs/redact');
    expect(packageOfInput('apps/routerctl/node_modules/yaml/dist/index.js')).toBe('apps/routerctl/node_modules/yaml');
    expect(packageOfInput('node_modules/execa/node_modules/path-key/index.js')).toBe('node_modules/execa/node_modules/path-key');
    expect(packageOfInput('packages/model/src/index.ts')).toBeUndefined();
  });
});
