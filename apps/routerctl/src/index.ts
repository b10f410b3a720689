// @routerd/routerctl: the operator's CLI. main.ts runs it; tests run it in-process with an injected Io.

export { COMMANDS, runCli } from './cli.js';
export { EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputError } from './errors.js';
export type { Command } from './commands/command.js';
export type { Io, Output } from './io.js';
