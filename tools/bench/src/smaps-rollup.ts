// A process's resident and proportional set sizes from /proc/<pid>/smaps_rollup. PSS divides each
// shared page by the number of processes mapping it, so node's text counts once over the agents.
import { readFile } from 'node:fs/promises';
import { BenchParseError } from './errors.js';

export interface MemoryRollup {
  rssKb: number;
  pssKb: number;
  /** PSS of anonymous pages (heaps, stacks): what each agent owns. */
  pssAnonKb: number;
  /** PSS of file-backed pages (the node binary, libraries, the bundle). */
  pssFileKb: number;
}

/** Rss, Pss, Pss_Anon and Pss_File (kB) from the text of /proc/<pid>/smaps_rollup. */
export function parseSmapsRollup(text: string): MemoryRollup {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+):\s+(\d+) kB$/.exec(line.trim());
    if (match) fields.set(match[1]!, Number(match[2]));
  }
  const field = (name: string): number => {
    const value = fields.get(name);
    if (value === undefined) {
      throw new BenchParseError(`smaps_rollup: expected a line "${name}: <n> kB", found ${fields.size === 0 ? 'no "<field>: <n> kB" lines' : `only ${[...fields.keys()].join(', ')}`}`);
    }
    return value;
  };
  return { rssKb: field('Rss'), pssKb: field('Pss'), pssAnonKb: field('Pss_Anon'), pssFileKb: field('Pss_File') };
}

export async function readSmapsRollup(pid: number): Promise<MemoryRollup> {
  return parseSmapsRollup(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'));
}
