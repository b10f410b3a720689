// Which rsync server command lines the receiver runs: exactly the ones the peer's plan makes.
//   push      rsync --server OPTIONS . <lease path>
//   handback  rsync --server OPTIONS . <lease path>.routerd-handback
//   pull      rsync --server --sender OPTIONS . <lease path>
// OPTIONS: one short-flag group (`-lDrce.iLsfxCIvu`, `-logDtprcze.iLsfxCIvu`) of letters that only say
// what to copy and how, and a few long options. Everything else (--remove-source-files, --delete*,
// --rsync-path, --log-file, --files-from, --temp-dir, -e …) is refused: each could reach beyond the
// one file. Whether the path is a lease path is the caller's question (it needs the configuration).
import { HANDBACK_SUFFIX } from '@routerd/model';

export type RequestKind = 'push' | 'handback' | 'pull';

export interface RsyncRequest {
  kind: RequestKind;
  /** The options to hand to the local `rsync --server`, as received. */
  options: string[];
  /** The lease path named (the handback suffix removed). */
  path: string;
}

export type ParsedRequest = { ok: true; request: RsyncRequest } | { ok: false; problem: string };

/** Letters of the short-flag group: recursive, links, perms, times, group, owner, devices, checksum, verbose, compress. */
export const SAFE_FLAG_LETTERS = 'rlptgoDcvz';
// The group ends in `e` and rsync's protocol details: `e.` or `e<version>.<subversion>`, then capability letters.
const FLAG_GROUP = new RegExp(`^-[${SAFE_FLAG_LETTERS}]+e(?:\\.|\\d+\\.\\d+)[A-Za-z]*$`);
const LONG_OPTIONS: readonly { pattern: RegExp; shown: string }[] = [
  { pattern: /^--timeout=\d{1,6}$/, shown: '--timeout=N' },
  { pattern: /^--delay-updates$/, shown: '--delay-updates' },
  { pattern: /^--bwlimit=\d{1,9}$/, shown: '--bwlimit=N' },
];

export const ACCEPTED_FORMS = `rsync --server [--sender] -<flags>e.<caps> [${LONG_OPTIONS.map((o) => o.shown).join('] [')}] . <lease path>[${HANDBACK_SUFFIX}]`;

function optionProblem(option: string): string | undefined {
  if (option.startsWith('--')) {
    if (LONG_OPTIONS.some((o) => o.pattern.test(option))) return undefined;
    return `the option ${JSON.stringify(option)} is not accepted (accepted: ${LONG_OPTIONS.map((o) => o.shown).join(', ')} and one flag group)`;
  }
  if (FLAG_GROUP.test(option)) return undefined;
  if (/^-[A-Za-z]/.test(option) && option.includes('e')) {
    const letters = option.slice(1, option.indexOf('e'));
    const unsafe = [...letters].filter((l) => !SAFE_FLAG_LETTERS.includes(l));
    if (unsafe.length > 0) return `the flag group ${JSON.stringify(option)} holds ${unsafe.map((l) => `-${l}`).join(', ')}, not accepted (accepted letters: ${SAFE_FLAG_LETTERS})`;
  }
  return `the option ${JSON.stringify(option)} is not accepted (expected one flag group like -lDrce.iLsfxCIvu, made of the letters ${SAFE_FLAG_LETTERS})`;
}

/** Reads the words of SSH_ORIGINAL_COMMAND as a push, handback or pull; the problem names what was found. */
export function parseRsyncRequest(words: readonly string[]): ParsedRequest {
  const [program, server, ...rest] = words;
  if (program === undefined) return { ok: false, problem: 'no command (an interactive login, or ssh without a command)' };
  if (program !== 'rsync' || server !== '--server') {
    return { ok: false, problem: `a command starting ${JSON.stringify([program, server].filter((w) => w !== undefined).join(' '))}, not "rsync --server"` };
  }
  const sender = rest[0] === '--sender';
  const args = sender ? rest.slice(1) : rest;
  const dot = args.indexOf('.');
  if (dot === -1) return { ok: false, problem: 'no "." before the path' };
  const options = args.slice(0, dot);
  const paths = args.slice(dot + 1);
  for (const option of options) {
    const problem = optionProblem(option);
    if (problem !== undefined) return { ok: false, problem };
  }
  const groups = options.filter((o) => !o.startsWith('--')).length;
  if (groups !== 1) return { ok: false, problem: `${groups} flag groups (expected exactly one, like -lDrce.iLsfxCIvu)` };
  const [path, ...more] = paths;
  if (path === undefined) return { ok: false, problem: 'no path after "."' };
  if (more.length > 0) return { ok: false, problem: `${paths.length} paths after "." (expected one lease path)` };
  if (sender) return { ok: true, request: { kind: 'pull', options, path } };
  if (path.endsWith(HANDBACK_SUFFIX)) return { ok: true, request: { kind: 'handback', options, path: path.slice(0, -HANDBACK_SUFFIX.length) } };
  return { ok: true, request: { kind: 'push', options, path } };
}
