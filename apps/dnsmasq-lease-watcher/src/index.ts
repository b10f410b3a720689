// @routerd/dnsmasq-lease-watcher: watches the lease files the syncs read and publishes their state on
// NATS. main.ts runs it; tests start it in-process through leaseWatcherAgent or startLeaseWatcher.

export { AGENT_NAME, leaseWatcherAgent, startLeaseWatcher } from './start.js';
export type { StartDeps } from './start.js';
export { LeaseWatcherOptionError, WatchSetupError } from './errors.js';
