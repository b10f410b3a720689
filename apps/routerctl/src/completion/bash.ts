// `routerctl completion bash`: a bash completion script (complete -F) for commands, flags, their
// fixed values (output formats, kinds, render targets) and kind words.
import type { CommandSpec } from './spec.js';
import { flagWords } from './spec.js';

/** A bash word list in single quotes (the words hold no quote). */
function list(words: readonly string[]): string {
  return `'${words.join(' ')}'`;
}

function commandCase(spec: CommandSpec): string {
  const valueCases = spec.flags
    .filter((f) => f.takesValue)
    .map((f) => {
      const reply = f.values === undefined ? 'COMPREPLY=( $(compgen -f -- "$cur") )' : `COMPREPLY=( $(compgen -W ${list(f.values)} -- "$cur") )`;
      return `        ${flagWords(f).join('|')}) ${reply}; return ;;`;
    });
  const flags = spec.flags.flatMap(flagWords);
  const nospace = spec.words.some((w) => w.endsWith('/')) ? '\n      [[ "${COMPREPLY[0]-}" == */ ]] && compopt -o nospace 2>/dev/null' : '';
  return `    ${spec.name})
      case "$prev" in
${valueCases.join('\n')}
      esac
      if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W ${list(flags)} -- "$cur") ); return; fi
      COMPREPLY=( $(compgen -W ${list(spec.words)} -- "$cur") )${nospace}
      ;;`;
}

export function bashCompletion(specs: readonly CommandSpec[]): string {
  const names = specs.map((s) => s.name);
  return `# bash completion for routerctl. Load it with: source <(routerctl completion bash)
# or install it: routerctl completion bash > /etc/bash_completion.d/routerctl
_routerctl() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$cmd" in
    "")
      COMPREPLY=( $(compgen -W ${list([...names, 'help', '-h', '--help', '--version'])} -- "$cur") )
      ;;
    help)
      COMPREPLY=( $(compgen -W ${list(names)} -- "$cur") )
      ;;
${specs.map(commandCase).join('\n')}
  esac
}
complete -F _routerctl routerctl
`;
}
