// Wires the syncer for the agent bootstrap: its dependencies come from the context, tests may override them.
import type { StartAgent } from '@routerd/agent';
import { createSyncer, type SyncerDeps } from './syncer.js';

export const AGENT_NAME = 'routerd-syncer';

/** What tests change: the command runner, the clocks, randomness and backoff. */
export type SyncerSettings = Pick<SyncerDeps, 'run' | 'clock' | 'random' | 'backoff'>;

/** The StartAgent runAgent calls. */
export function syncerAgent(settings: SyncerSettings = {}): StartAgent {
  return ({ nc, node, config, log, dirs }) => createSyncer({ ...settings, nc, node, config, log, dirs });
}
