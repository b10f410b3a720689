// @routerd/syncer: pushes lease files to the standby while the `when` gate holds. main.ts runs it;
// tests start it in-process through syncerAgent or createSyncer.

export { AGENT_NAME, syncerAgent } from './agent.js';
export type { SyncerSettings } from './agent.js';
export { createSyncer } from './syncer.js';
export type { Syncer, SyncerDeps } from './syncer.js';
export { PlannedArgvError } from './errors.js';
