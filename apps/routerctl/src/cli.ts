// routerctl's top level: picks the command, maps failures to exit codes. No process globals here.
import { UsageError } from '@routerd/model';
import type { Command } from './commands/command.js';
import { checkCommand } from './commands/check.js';
import { createCompletionCommand } from './commands/completion.js';
import { describeCommand } from './commands/describe.js';
import { eventsCommand } from './commands/events.js';
import { getCommand } from './commands/get.js';
import { planCommand } from './commands/plan.js';
import { renderCommand } from './commands/render.js';
import { validateCommand } from './commands/validate.js';
import { versionCommand } from './commands/version.js';
import { EXIT_OK, EXIT_USAGE, exitCodeHelp } from './exit-codes.js';
import { InputError } from './errors.js';
import type { Io } from './io.js';
import { LiveError } from './live/errors.js';
import { VERSION } from './version.js';

export const COMMANDS: readonly Command[] = [
  validateCommand,
  planCommand,
  renderCommand,
  describeCommand,
  getCommand,
  eventsCommand,
  checkCommand,
  versionCommand,
  createCompletionCommand(() => COMMANDS),
];

export const HELP = `Usage: routerctl COMMAND [options]

The operator's CLI for routerd's DHCP lease sync.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(11)} ${c.summary}`).join('\n')}
  help        show the help of a command: routerctl help COMMAND (or routerctl COMMAND --help)

Options:
  -h, --help     show this help; "routerctl COMMAND --help" shows a command's flags
      --version  print the version (as "routerctl version")

Live commands (describe, get, events, check) read the agents over NATS; the others work offline.
Output formats (-o/--output), one set for every command that prints data: table (the default),
wide (get), json, yaml.

Exit status:
${exitCodeHelp()}
`;

function find(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    throw new UsageError(`unknown command ${JSON.stringify(name)}: expected one of ${COMMANDS.map((c) => c.name).join(', ')}`, { command: '' });
  }
  return command;
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(HELP);
    return EXIT_USAGE;
  }
  if (first === '-h' || first === '--help') {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (first === '--version') {
    io.stdout.write(`routerctl ${VERSION}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    if (rest.length > 1) throw new UsageError(`expected one COMMAND after help, found ${rest.length}: ${rest.join(' ')}`, { command: '' });
    io.stdout.write(rest[0] === undefined || rest[0] === 'help' ? HELP : find(rest[0]).help);
    return EXIT_OK;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${JSON.stringify(first)}`, { command: '' });
  return find(first).run(rest, io);
}

/** Runs one routerctl invocation (argv without node and the script) and returns its exit code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const prefix = error.command === '' ? 'routerctl' : `routerctl ${error.command}`;
      io.stderr.write(`${prefix}: ${error.message}\nRun "${prefix} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof LiveError) {
      io.stderr.write(`routerctl: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof InputError) {
      io.stderr.write(`routerctl: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
