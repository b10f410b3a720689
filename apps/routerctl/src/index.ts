// @routerd/routerctl: the CLI, runnable in-process (tests, the end-to-end suite) with an injected Io.
export { COMMANDS, runCli } from './cli.js';
export { EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputError } from './errors.js';
export { DEFAULT_CONFIG_PATH } from './input.js';
export { renderDnsmasq } from './render/dnsmasq.js';
export { renderKeepalived } from './render/keepalived.js';
export { VERSION } from './version.js';
export type { Command } from './commands/command.js';
export type { Io, Output } from './io.js';
export type { DnsmasqOptions } from './render/dnsmasq.js';
export type { KeepalivedOptions, KeepalivedRender } from './render/keepalived.js';
