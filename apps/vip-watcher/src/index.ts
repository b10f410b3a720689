// @routerd/vip-watcher: observes VirtualAddress roles and publishes them. The bin is main.ts.

export { vipWatcherAgent } from './agent.js';
export type { VipWatcherSettings } from './agent.js';
export { createVipWatcher, DEFAULT_HEARTBEAT_MS, DEFAULT_SAFETY_REREAD_MS } from './vip-watcher.js';
export type { VipWatcher, VipWatcherDeps, WatcherCounters } from './vip-watcher.js';
export { deriveRole } from './derive-role.js';
export type { DerivedRole, KeepalivedObservation, KernelObservation, RoleInput } from './derive-role.js';
export { FIFO_STATES, parseFifoLine } from './fifo-line.js';
export type { FifoLine, FifoParseResult, FifoState } from './fifo-line.js';
export { holdsAddress, ipAddrOutputSchema, parseIpAddrJson } from './ip-addresses.js';
export type { InterfaceAddresses, KernelAddress } from './ip-addresses.js';
export { DEFAULT_IP_COMMAND, IP_TIMEOUT_MS, readAddresses, spawnMonitor } from './ip-command.js';
export { createAddressMonitor, DEFAULT_MONITOR_BACKOFF } from './address-monitor.js';
export type { AddressMonitor, AddressMonitorOptions, MonitorBackoff } from './address-monitor.js';
export { checkKeepalived, DEFAULT_KEEPALIVED_PIDFILE } from './keepalived-process.js';
export type { KeepalivedCheckOptions } from './keepalived-process.js';
export { createNotifyFifo, FIFO_RETRY_MS } from './notify-fifo.js';
export type { NotifyFifo, NotifyFifoOptions } from './notify-fifo.js';
export { vipForInstance } from './instance-names.js';
export { watchedVips } from './watched-vips.js';
export type { WatchedVip } from './watched-vips.js';
export { carriedTransition, createRoleStore, roleStoreDir } from './role-store.js';
export type { RoleStore } from './role-store.js';
export { startRolesService } from './roles-service.js';
export type { RolesServiceOptions } from './roles-service.js';
export { IpAddrError, KeepalivedCheckError, RoleStoreError } from './errors.js';
