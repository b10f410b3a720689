// The repository's files the package installs as they are (other projects own their content), by where they go.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PackageInputError } from './errors.js';
import { DOC_DIR, EXAMPLES_DIR, SYSUSERS_FILE, TMPFILES_FILE, UNIT_DIR } from './layout.js';

/** A file to copy: `from` relative to the repository, `to` its installed path. */
export interface CopiedFile {
  readonly from: string;
  readonly to: string;
}

async function listed(root: string, dir: string, pattern: RegExp): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(join(root, dir));
  } catch (error) {
    throw new PackageInputError(`${join(root, dir)}: expected a folder, found ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  return entries.filter((name) => pattern.test(name)).sort();
}

async function required(root: string, dir: string, name: string, what: string): Promise<string> {
  if (!(await listed(root, dir, /.*/)).includes(name)) throw new PackageInputError(`${join(root, dir, name)}: expected ${what}, found no such file`);
  return `${dir}/${name}`;
}

/** Every file copied from the repository into the package; a missing unit folder, tmpfiles or sysusers file is an error. */
export async function repoFiles(root: string): Promise<CopiedFile[]> {
  const units = await listed(root, 'examples/systemd', /\.(service|target)$/);
  if (units.length === 0) throw new PackageInputError(`${join(root, 'examples/systemd')}: expected the units (*.service, *.target), found none`);
  const docs = await listed(root, 'docs', /\.md$/);
  // The example configurations, and a nats-server configuration when one is added beside them.
  const examples = await listed(root, 'examples', /\.(yaml|conf)$/);
  return [
    ...units.map((name) => ({ from: `examples/systemd/${name}`, to: `${UNIT_DIR}/${name}` })),
    { from: await required(root, 'examples/systemd', 'routerd.tmpfiles.conf', 'the tmpfiles.d file'), to: TMPFILES_FILE },
    { from: await required(root, 'examples/systemd', 'routerd.sysusers.conf', 'the sysusers.d file that creates the routerd user'), to: SYSUSERS_FILE },
    { from: await required(root, '.', 'README.md', 'the README'), to: `${DOC_DIR}/README.md` },
    ...docs.map((name) => ({ from: `docs/${name}`, to: `${DOC_DIR}/${name}` })),
    ...examples.map((name) => ({ from: `examples/${name}`, to: `${EXAMPLES_DIR}/${name}` })),
  ];
}

/** The unit file names among the copied files: what agentBins matches the bins against. */
export function unitNames(files: readonly CopiedFile[]): string[] {
  return files.filter((f) => f.to.startsWith(`${UNIT_DIR}/`)).map((f) => f.to.slice(UNIT_DIR.length + 1));
}
