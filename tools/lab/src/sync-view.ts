// The syncer's own view of a sync on a router, asked the way an operator would: `routerctl describe`
// run inside the router's namespaces, against its nats-server, with routerctl's read-only credential.
import { z } from 'zod';
import { run } from './exec.js';
import { REPO_ROOT } from './paths.js';
import { inRouter, natsCredential } from './router-argv.js';
import type { LabState } from './state-file.js';
import { ROUTERS, type RouterId } from './topology.js';

// Only the fields the scenarios read; the full contract is @routerd/bus's SyncStatus.
const viewSchema = z.object({
  phase: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  targets: z.array(z.object({ name: z.string(), phase: z.string(), lastSuccessAt: z.string().optional(), exitCode: z.number().optional() })),
});
export type SyncView = z.infer<typeof viewSchema>;

/** `routerctl describe <sync> -o json` on router `id`; undefined when the syncer does not answer. */
export async function syncView(state: LabState, id: RouterId, sync: string): Promise<SyncView | undefined> {
  const holder = state.holders[id];
  if (holder === undefined) return undefined;
  const routerctl = [process.execPath, `${REPO_ROOT}/apps/routerctl/dist/main.js`, 'describe', sync, '-o', 'json', '--node', ROUTERS[id].node, '--nats-creds', natsCredential(ROUTERS[id], 'routerctl')];
  const result = await run(inRouter(holder, ROUTERS[id], routerctl), { check: false, timeoutMs: 10_000 });
  if (result.exitCode !== 0) return undefined;
  const parsed = viewSchema.safeParse(JSON.parse(result.stdout));
  return parsed.success ? parsed.data : undefined;
}
