// @routerd/vip-watcher: observes VirtualAddress roles and publishes them. main.ts runs it; tests start
// it in-process through vipWatcherAgent.

export { AGENT_NAME, vipWatcherAgent } from './agent.js';
export type { VipWatcherSettings } from './agent.js';
export { VIP_WATCHER_FLAGS } from './options.js';
export type { VipWatcherFlags } from './options.js';
export { KeepalivedCheckError, RoleStoreError } from './errors.js';
