// The lease receiver as the .deb ships it: one esbuild bundle (`@routerd/package`'s bundleBin) behind a
// sh launcher. It starts on every push and pull, and on a demoted router's way to its handback, so its
// start must cost what production's does: the bundle starts in about 270 ms here, the build in
// apps/lease-receiver/dist (many ES modules) in about 370 ms (docs/promotion.md, "The bound").
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleBin, discoverBins } from '@routerd/package';
import { LabError } from './errors.js';

export const RECEIVER_BIN = 'routerd-lease-receiver';

/** The launcher's text: like the package's /usr/bin launchers, with this node and the lab's bundle (Node's defaults, as the receiver's). */
export function receiverLauncher(node: string, bundle: string): string {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  return `#!/bin/sh\n# ${RECEIVER_BIN}: the lab's copy of the packaged forced command.\nexec ${quote(node)} ${quote(bundle)} "$@"\n`;
}

/** Bundles the receiver into `dir` and writes its launcher there; returns the launcher's path. */
export async function buildReceiverLauncher(repo: string, dir: string, node: string): Promise<string> {
  const entry = (await discoverBins(repo)).find((bin) => bin.bin === RECEIVER_BIN);
  if (entry === undefined) throw new LabError(`lab: expected an app declaring the bin ${RECEIVER_BIN}, found none under ${repo}/apps`);
  await mkdir(dir, { recursive: true });
  const bundle = await bundleBin(entry, dir, repo);
  const launcher = join(dir, RECEIVER_BIN);
  await writeFile(launcher, receiverLauncher(node, bundle.file), { mode: 0o755 });
  return launcher;
}
