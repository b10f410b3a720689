// @routerd/agent: the bootstrap every agent's main.ts uses. Flags and environment, logger, config file, NATS connection, signals, stop steps.

export { ConfigReadError, IpAddrError } from './errors.js';
export { DEFAULT_CONFIG_FILE, DEFAULT_NATS_URL, defaultNatsServerName, usage } from './flags.js';
export { DEFAULT_NATS_CREDS_DIR } from './defaults.js';
export { credentialFix, NatsCredentialError, parseNatsSeed, readNatsCredential } from './nats-credential.js';
export type { NatsCredential } from './nats-credential.js';
export type { AgentFlag, AgentFlags, FlagValues, NoFlags } from './flags.js';
export { parseAgentOptions } from './options.js';
export type { AgentOptions, Env, ParsedArgs } from './options.js';
export { createLogger, LOG_LEVELS } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export { createConfigFileLoader, loadConfigFile } from './config-file.js';
export type { ConfigFileLoader, ConfigFileLoaderDeps, LoadedConfig } from './config-file.js';
export { connectNats, logStatus, natsConnectionOptions, RECONNECT_JITTER_MS, RECONNECT_TIME_WAIT_MS, serverNameProblem, WAITING_LOG_EVERY_MS, WrongServerError } from './connect-nats.js';
export type { ConnectNatsOptions } from './connect-nats.js';
export { DRAIN_TIMEOUT_MS, EXIT_OPERATOR_FIX, runAgent, STOP_TIMEOUT_MS } from './run-agent.js';
export { createServiceManager, NOTIFY_TIMEOUT_MS, runSystemdNotify, watchdogPeriodMs } from './service-manager.js';
export type { Every, NotifyExec, ServiceManager, ServiceManagerDeps } from './service-manager.js';
export type { AgentContext, AgentHandle, RunAgentOptions, SignalSource, StartAgent } from './run-agent.js';
export { TimeoutError, within } from './within.js';
export { hostMonotonicMs, systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { createCleanupStack } from './cleanup-stack.js';
export type { CleanupStack, CleanupStep } from './cleanup-stack.js';
export { agentMain } from './agent-main.js';
export { runAgentProcess } from './agent-process.js';
export type { AgentDefinition, AgentMainIO } from './agent-main.js';

// --- running commands an agent depends on ---
export { backoffDelay } from './backoff.js';
export type { BackoffPolicy } from './backoff.js';
export { runCommand } from './run-command.js';
export type { CommandResult, RunAs, RunCommand, RunOptions } from './run-command.js';

// --- the kernel's addresses (the vip-watcher's role, the lease receiver's "this node serves") ---
export { DEFAULT_IP_COMMAND, IP_TIMEOUT_MS, readAddresses } from './kernel/ip-command.js';
export { spawnMonitor } from './kernel/ip-monitor.js';
export { holdsAddress, ipAddrOutputSchema, parseIpAddrJson } from './kernel/ip-addresses.js';
export type { InterfaceAddresses, KernelAddress } from './kernel/ip-addresses.js';
