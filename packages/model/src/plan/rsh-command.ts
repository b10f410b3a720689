// rsync's -e value is one string that rsync splits itself (main.c do_cmd): on spaces only, with single
// and double quotes grouping and a doubled quote inside quotes standing for itself. No backslash escapes.

export class RshCommandError extends Error {
  override name = 'RshCommandError';
}

/** One part of an -e command, quoted so rsync's splitting gives it back unchanged. */
export function quoteRshPart(part: string): string {
  if (part !== '' && !/[\s'"\\]/.test(part)) return part;
  return `'${part.replaceAll("'", "''")}'`;
}

/** The -e string for an argv: parts joined with spaces, each quoted as needed. */
export function joinRshCommand(parts: readonly string[]): string {
  return parts.map(quoteRshPart).join(' ');
}

/** An -e string split as rsync splits it; throws RshCommandError on a missing closing quote. */
export function splitRshCommand(command: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < command.length) {
    if (command[i] === ' ') {
      i += 1;
      continue;
    }
    let part = '';
    let quote: string | undefined;
    while (i < command.length && (quote !== undefined || command[i] !== ' ')) {
      const c = command[i] as string;
      if (quote === undefined && (c === "'" || c === '"')) {
        quote = c;
      } else if (c === quote && command[i + 1] === quote) {
        part += c;
        i += 1;
      } else if (c === quote) {
        quote = undefined;
      } else {
        part += c;
      }
      i += 1;
    }
    if (quote !== undefined) {
      throw new RshCommandError(`expected a closing ${quote} in the remote-shell command, found ${JSON.stringify(command)}`);
    }
    parts.push(part);
  }
  return parts;
}
