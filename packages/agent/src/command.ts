// @routerd/agent/command: what the product's short-lived commands (the lease receiver, one process per ssh
// session) need of this package, without what an agent's runtime loads (NATS, pino, execa): that import
// alone about doubles the receiver's start, which every push waits for.
export { DEFAULT_CONFIG_FILE } from './defaults.js';
export { IpAddrError } from './errors.js';
export { DEFAULT_IP_COMMAND, IP_TIMEOUT_MS, readAddresses } from './kernel/ip-command.js';
export { holdsAddress, parseIpAddrJson } from './kernel/ip-addresses.js';
export type { InterfaceAddresses, KernelAddress } from './kernel/ip-addresses.js';
