// `routerctl completion bash|zsh`: prints a completion script built from the commands' own flags.
import { UsageError } from '@routerd/model';
import { parseCommandArgs } from '../args.js';
import { bashCompletion } from '../completion/bash.js';
import { completionSpecs } from '../completion/spec.js';
import { zshCompletion } from '../completion/zsh.js';
import { EXIT_OK } from '../exit-codes.js';
import type { Command } from './command.js';

export const SHELLS = ['bash', 'zsh'] as const;
const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

const HELP = `Usage: routerctl completion bash|zsh

Prints a completion script for the shell: commands, flags, output formats, kinds and their aliases,
render targets. Load it into the current shell, or install it:
  bash:  source <(routerctl completion bash)
         routerctl completion bash > /etc/bash_completion.d/routerctl
  zsh:   source <(routerctl completion zsh)          (after compinit)
         routerctl completion zsh > "\${fpath[1]}/_routerctl"

Options:
  -h, --help          show this help
`;

/** `commands` is every command the script completes (it includes this one). */
export function createCompletionCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'print a bash or zsh completion script',
    help: HELP,
    options: OPTIONS,
    complete: { words: SHELLS },
    run(args, io) {
      const { values, positionals } = parseCommandArgs('completion', args, OPTIONS, true);
      if (values.help === true) {
        io.stdout.write(HELP);
        return Promise.resolve(EXIT_OK);
      }
      const [shell, ...extra] = positionals;
      if (shell === undefined) throw new UsageError(`missing the shell: expected ${SHELLS.join(' or ')}`, { command: 'completion' });
      if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`, { command: 'completion' });
      const specs = completionSpecs(commands());
      if (shell === 'bash') io.stdout.write(bashCompletion(specs));
      else if (shell === 'zsh') io.stdout.write(zshCompletion(specs));
      else throw new UsageError(`expected the shell to be one of ${SHELLS.join(', ')}, found ${JSON.stringify(shell)}`, { command: 'completion' });
      return Promise.resolve(EXIT_OK);
    },
  };
}
