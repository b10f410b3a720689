// Renders argv for people (routerctl plan, logs): a POSIX shell command line that runs the same argv.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

function singleQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** One word for a POSIX shell: bare when safe, else single-quoted ("'" becomes '\''). */
export function shellQuote(word: string): string {
  return SAFE.test(word) ? word : singleQuote(word);
}

/** argv as a POSIX shell command line with minimal single-quoting. */
export function commandLine(argv: readonly string[]): string {
  // A first word holding "=" would be read as a variable assignment.
  return argv.map((word, i) => (i === 0 && word.includes('=') ? singleQuote(word) : shellQuote(word))).join(' ');
}
