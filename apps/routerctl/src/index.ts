// @routerd/routerctl: the operator's CLI. main.ts runs it; tests run it in-process with an injected Io.

export { COMMANDS, runCli } from './cli.js';
export { EXIT_AGENT_UNAVAILABLE, EXIT_BUS_UNREACHABLE, EXIT_CODES, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
export { InputError } from './errors.js';
export { OUTPUT_FORMATS } from './output/formats.js';
export type { OutputFormat } from './output/formats.js';
export { VERSION } from './version.js';
export type { Command, OptionSpec } from './commands/command.js';
export type { Io, Output } from './io.js';
