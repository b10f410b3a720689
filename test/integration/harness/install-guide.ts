// The install guide's steps, read from docs/operations.md so that the test runs what the guide says and
// nothing else: each router's steps are the ```sh block after `<!-- guide: <router> -->`, one command a
// line, each after its `# N.` comment. A step that copies files to the peer (`scp FILE... root@ADDRESS:DIR/`)
// is the operator's copy, which the test makes itself.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export const GUIDE_FILE = join(REPO_ROOT, 'docs', 'operations.md');

export interface GuideCopy {
  /** Absolute paths on this router. */
  sources: string[];
  /** The peer's address, as the guide writes it. */
  address: string;
  /** The folder on the peer the files land in. */
  dir: string;
}

export interface GuideStep {
  number: number;
  /** The command line, verbatim. */
  command: string;
  /** Set when the step is a copy to the peer. */
  copy?: GuideCopy;
}

const SCP = /^scp((?: \/\S+)+) root@([0-9a-f.:]+):(\/\S*)\/$/;

/** The steps of `router` in the guide's markdown; throws naming what is malformed. */
export function guideSteps(markdown: string, router: string): GuideStep[] {
  const marker = `<!-- guide: ${router} -->`;
  const at = markdown.indexOf(marker);
  if (at < 0 || markdown.indexOf(marker, at + 1) >= 0) throw new Error(`${GUIDE_FILE}: expected one "${marker}", found ${at < 0 ? 'none' : 'several'}`);
  const block = /^\s*```sh\n([\s\S]*?)\n```/.exec(markdown.slice(at + marker.length));
  if (block?.[1] === undefined) throw new Error(`${GUIDE_FILE}: expected a \`\`\`sh block right after "${marker}"`);
  const steps: GuideStep[] = [];
  let number: number | undefined;
  for (const line of block[1].split('\n')) {
    const numbered = /^# (\d+)\./.exec(line);
    if (numbered !== null) {
      number = Number(numbered[1]);
      if (number !== steps.length + 1) throw new Error(`${GUIDE_FILE}, ${router}: expected step ${steps.length + 1}, found "${line}"`);
      continue;
    }
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (number === undefined) throw new Error(`${GUIDE_FILE}, ${router}: expected a "# ${steps.length + 1}." line before the command "${line}"`);
    const scp = SCP.exec(line);
    steps.push({ number, command: line, ...(scp === null ? {} : { copy: { sources: (scp[1] ?? '').trim().split(' '), address: scp[2] ?? '', dir: scp[3] === '' ? '/' : (scp[3] ?? '') } }) });
    number = undefined;
  }
  if (steps.length === 0) throw new Error(`${GUIDE_FILE}, ${router}: expected steps in the block after "${marker}", found none`);
  return steps;
}

export async function readGuide(): Promise<string> {
  return readFile(GUIDE_FILE, 'utf8');
}
