// debian/copyright (machine-readable format 1.0): the product's license, then every npm package a bundle
// holds with its own license text, since the minified bundles carry no license comments.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PackageInputError } from './errors.js';
import { PACKAGE_NAME } from './layout.js';

export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  /** The package's LICENSE file, as shipped in its npm tarball. */
  readonly text: string;
}

const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;

/** Reads the name, version, license and license text of the npm package in `dir` (absolute). */
export async function readBundledPackage(dir: string): Promise<BundledPackage> {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const { name, version, license } = manifest;
  if (typeof name !== 'string' || typeof version !== 'string' || typeof license !== 'string') {
    throw new PackageInputError(`${dir}/package.json: expected string "name", "version" and "license" (an SPDX expression), found ${JSON.stringify({ name, version, license })}`);
  }
  const file = (await readdir(dir)).find((entry) => LICENSE_FILE.test(entry));
  if (file === undefined) throw new PackageInputError(`${dir}: expected a LICENSE file to copy into the copyright file (${name} is bundled), found none`);
  return { name, version, license, text: await readFile(join(dir, file), 'utf8') };
}

/** A license text as a copyright-format paragraph body: each line indented, empty lines as " .". */
function indented(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line.trim() === '' ? ' .' : ` ${line.trimEnd()}`))
    .join('\n');
}

/**
 * The copyright file: the product under Apache-2.0; the bundles, which also hold each npm package listed,
 * under the product's license and theirs; then each package's own license text, its notice included.
 */
export function copyrightFile(holder: string, bundled: readonly BundledPackage[]): string {
  const licenses = [...new Set(bundled.map((p) => p.license))].sort();
  const paragraphs = [
    [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      `Upstream-Name: ${PACKAGE_NAME}`,
    ],
    ['Files: *', `Copyright: ${holder}`, 'License: Apache-2.0', ' On Debian systems the full text of the Apache License 2.0 is in', ' /usr/share/common-licenses/Apache-2.0.'],
    [
      `Files: usr/lib/${PACKAGE_NAME}/*.mjs`,
      `Copyright: ${holder}; the authors of the npm packages below`,
      `License: ${['Apache-2.0', ...licenses.filter((l) => l !== 'Apache-2.0')].join(' and ')}`,
      'Comment: each bundle holds the product\'s code and some of these npm packages:',
      ...bundled.map((p) => ` ${p.name} ${p.version} (${p.license})`),
    ],
    // Apache-2.0 carries no per-package notice in its text: Debian's copy stands for it.
    ...bundled.map((p) =>
      p.license === 'Apache-2.0'
        ? [`License: Apache-2.0`, ` ${p.name} ${p.version}: /usr/share/common-licenses/Apache-2.0.`]
        : [`License: ${p.license}`, ` The license of ${p.name} ${p.version}:`, ' .', indented(p.text)],
    ),
  ];
  return `${paragraphs.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
