// SSH_ORIGINAL_COMMAND back into the argv rsync meant. rsync (3.2.4 and later) joins its remote argv
// with spaces and puts a backslash before every character a shell would read (space, quotes, $, ;, &
// ...), so unescaping is exact. A shell character left bare was not written by rsync: a shell command
// line (`mkdir -p … && rsync …`) or someone else's, refused rather than guessed at. No shell ever runs it.

export type Words = { ok: true; words: string[] } | { ok: false; problem: string };

/** Characters rsync escapes for the remote shell; one of them bare means the line is not rsync's. */
const SHELL_CHARS = new Set([...'!#$&;|<>(){}"\'`']);

function controlCharacter(text: string): string | undefined {
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return c;
  }
  return undefined;
}

/** Splits at bare spaces and tabs, a backslash taking the next character as it is. */
export function splitCommandWords(command: string): Words {
  const control = controlCharacter(command.replaceAll('\t', ' '));
  if (control !== undefined) return { ok: false, problem: `it holds the control character ${JSON.stringify(control)}` };
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command.charAt(i);
    if (c === '\\') {
      if (i + 1 >= command.length) return { ok: false, problem: 'it ends in a lone backslash' };
      word = (word ?? '') + command.charAt(++i);
    } else if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (SHELL_CHARS.has(c)) {
      return { ok: false, problem: `it holds a bare ${JSON.stringify(c)} at offset ${i}, which rsync would have escaped: a shell command line is not accepted` };
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return { ok: true, words };
}
