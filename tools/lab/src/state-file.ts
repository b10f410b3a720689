// The lab's record of what it started (/run/rdlab/state.json), so `down` ends it all even after a crash.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { StateFileError } from './errors.js';

const processSchema = z.strictObject({
  name: z.string().min(1),
  pid: z.number().int().positive(),
  router: z.enum(['r1', 'r2']).optional(),
  argv: z.array(z.string()),
  log: z.string(),
});

export const labStateSchema = z.strictObject({
  version: z.literal(1),
  startedAt: z.string(),
  sync: z.boolean(),
  // kea-ha: Kea's own HA serves DHCP (the peers run), no routerd agent and no dnsmasq.
  promotion: z.enum(['routerd-dhcp-promoter', 'lab-driver', 'kea-ha']),
  holders: z.strictObject({ r1: z.number().int().positive().optional(), r2: z.number().int().positive().optional() }),
  namespaces: z.array(z.string()),
  processes: z.array(processSchema),
});

export type LabState = z.infer<typeof labStateSchema>;
export type LabProcess = z.infer<typeof processSchema>;

export function parseLabState(text: string, path: string): LabState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`lab state file ${path}: expected JSON, found ${JSON.stringify(text.slice(0, 60))}`, { cause: error });
  }
  const parsed = labStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StateFileError(`lab state file ${path}: ${issue === undefined ? 'invalid' : `${issue.path.join('.') || '(root)'} ${issue.message}`}`);
  }
  return parsed.data;
}

/** undefined when there is no state file (no lab, or already down). */
export async function readLabState(path: string): Promise<LabState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new StateFileError(`lab state file ${path}: cannot read it`, { cause: error });
  }
  return parseLabState(text, path);
}

export async function writeLabState(path: string, state: LabState): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, path);
}
