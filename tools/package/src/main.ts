#!/usr/bin/env node
// npm run package: builds dist/routerd-lease-sync_<version>_all.deb and prints its path as the last line.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDeb } from './build-deb.js';

const USAGE = 'usage: npm run package [-- --out DIR]   (default DIR: dist/ at the repository root)\n';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function main(argv: string[]): Promise<number> {
  let out: string | undefined;
  try {
    const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help === true) {
      process.stdout.write(USAGE);
      return 0;
    }
    out = values.out;
  } catch (error) {
    process.stderr.write(`routerd-package: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const built = await buildDeb({ root, outDir: out === undefined ? join(root, 'dist') : resolve(out), progress: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`${built.path}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`routerd-package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
