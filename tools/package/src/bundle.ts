// Each bin as one minified ESM file for the oldest Node the package supports, with nothing left to load
// at run time but Node's own modules.
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { BundleError } from './errors.js';
import type { BinEntry } from './workspace.js';

/** esbuild's name for the oldest Node the bundles run on; the control file's Depends says the same (control.ts). */
export const NODE_TARGET = 'node18';

// CommonJS dependencies (yaml, pino, nats' nkeys) call require() for Node's modules; an ESM file has no
// require, so each bundle makes one for them.
const REQUIRE_BANNER = "import { createRequire as __routerdCreateRequire } from 'node:module'; const require = __routerdCreateRequire(import.meta.url);";

// pino's transports run a worker thread from files of pino and thread-stream that a bundle does not carry
// (and thread-stream 4 wants Node 20). The agents log to a stream (packages/agent logger.ts), never a
// transport: pino's transport module is replaced by one that fails loudly, where the original would look
// for worker.js beside a __dirname that an ES module does not have.
const NO_TRANSPORTS: Plugin = {
  name: 'routerd-no-pino-transports',
  setup(b) {
    b.onResolve({ filter: /^\.(\/lib)?\/transport$/ }, (args) =>
      /node_modules\/pino\/(pino\.js|lib\/tools\.js)$/.test(args.importer) ? { path: 'pino-transport', namespace: 'routerd-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'routerd-stub' }, () => ({
      loader: 'js',
      contents: "module.exports = function transport() { throw new Error('pino transports are not available in the routerd bundles: log to a stream'); };",
    }));
  },
};

export interface Bundle {
  readonly bin: string;
  /** The written file: <outDir>/<bin>.mjs. */
  readonly file: string;
  readonly bytes: number;
  /** The folders of the npm packages the bundle holds, relative to the repository, e.g. node_modules/nats. */
  readonly packages: readonly string[];
}

/** The folder of the npm package a metafile input belongs to (node_modules/@scope/name), or undefined for the repository's own files. */
export function packageOfInput(input: string): string | undefined {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  const depth = parts[0]?.startsWith('@') === true ? 2 : 1;
  return `${input.slice(0, at)}node_modules/${parts.slice(0, depth).join('/')}`;
}

/** What an output still imports at run time that is not one of Node's own modules: each is a bundle that would fail. */
export function foreignImports(metafile: Metafile): string[] {
  return Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => `${i.kind} "${i.path}"`));
}

/** Bundles one bin into <outDir>/<bin>.mjs; `root` is the repository, which the metafile's paths are relative to. */
export async function bundleBin(entry: BinEntry, outDir: string, root: string): Promise<Bundle> {
  const file = join(outDir, `${entry.bin}.mjs`);
  let metafile: Metafile;
  try {
    ({ metafile } = await build({
      absWorkingDir: root,
      entryPoints: [entry.entry],
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: NODE_TARGET,
      // The repository's own packages from source, as vitest runs them: no tsc build needed first.
      conditions: ['@routerd/source'],
      minify: true,
      // Class and function names stay: stack traces and error names in the journal remain readable.
      keepNames: true,
      // Licenses go to /usr/share/doc/routerd-lease-sync/copyright, in full (copyright.ts).
      legalComments: 'none',
      banner: { js: REQUIRE_BANNER },
      plugins: [NO_TRANSPORTS],
      metafile: true,
      logLevel: 'silent',
    }));
  } catch (error) {
    throw new BundleError(`${entry.bin}: esbuild could not bundle ${entry.entry}: ${(error as Error).message}`, { cause: error });
  }
  const foreign = foreignImports(metafile);
  if (foreign.length > 0) {
    throw new BundleError(`${entry.bin}: expected a bundle that imports only Node's own modules at run time, found ${foreign.join(', ')}`);
  }
  const packages = [...new Set(Object.keys(metafile.inputs).flatMap((input) => packageOfInput(input) ?? []))].sort();
  const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { bin: entry.bin, file, bytes, packages };
}
