// `routerctl completion zsh`: a zsh completion function (_arguments) for commands, flags, their
// fixed values and kind words.
import type { CommandSpec, FlagSpec } from './spec.js';

/** Text for a zsh single-quoted word inside an _arguments or _describe spec. */
function quoted(text: string): string {
  return text.replaceAll("'", "'\\''").replaceAll(':', '\\:').replaceAll('[', '\\[').replaceAll(']', '\\]');
}

function action(flag: FlagSpec): string {
  return flag.values === undefined ? ':value:_files' : `:value:(${flag.values.join(' ')})`;
}

function flagSpec(flag: FlagSpec): string {
  const suffix = flag.takesValue ? action(flag) : '';
  const repeat = flag.multiple ? '*' : '';
  if (flag.short === undefined) return `'${repeat}--${flag.long}${flag.takesValue ? '=' : ''}${suffix}'`;
  const exclusive = flag.multiple ? '*' : `(-${flag.short} --${flag.long})`;
  return `'${exclusive}'{-${flag.short}${flag.takesValue ? '+' : ''},--${flag.long}${flag.takesValue ? '=' : ''}}'${suffix}'`;
}

function commandCase(spec: CommandSpec): string {
  const words = spec.words.length === 0 ? [] : [`'1:argument:(${spec.words.join(' ')})'`];
  return `    ${spec.name})
      _arguments -s \\
        ${[...spec.flags.map(flagSpec), ...words].join(' \\\n        ')}
      ;;`;
}

export function zshCompletion(specs: readonly CommandSpec[]): string {
  const commands = specs.map((s) => `    '${quoted(s.name)}:${quoted(s.summary)}'`);
  return `#compdef routerctl
# zsh completion for routerctl. Load it with: source <(routerctl completion zsh)
# (after compinit), or install it as _routerctl in a directory of $fpath.
_routerctl() {
  local -a commands
  commands=(
${commands.join('\n')}
    'help:show the help of a command'
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'routerctl command' commands
    compadd -- --help --version
    return
  fi
  local cmd=\${words[2]}
  shift words
  (( CURRENT-- ))
  case $cmd in
    help)
      _describe -t commands 'routerctl command' commands
      ;;
${specs.map(commandCase).join('\n')}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _routerctl "$@"
else
  compdef _routerctl routerctl
fi
`;
}
