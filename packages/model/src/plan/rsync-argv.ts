// The rsync command of one target (reference section 5), as an argv: no shell runs it locally.

export const RSYNC_TIMEOUT_OPTION = '--timeout=60';

export interface RsyncArgvInput {
  command: string;
  options: readonly string[];
  sshCommand: string;
  remoteDir: string;
  sourcePath: string;
  destination: string;
}

/** "[user@]host:<path>", an IPv6 host in brackets so rsync does not read its colons as the separator. */
export function rsyncDestination(host: string, user: string | undefined, path: string): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${user !== undefined ? `${user}@` : ''}${bracketed}:${path}`;
}

/** --rsync-path that creates the remote dir first; the dir is single-quoted for the remote shell. */
export function rsyncPathOption(remoteDir: string): string {
  return `--rsync-path=mkdir -p '${remoteDir.replaceAll("'", `'\\''`)}' && rsync`;
}

/**
 * Ours: content only. The standby's file may belong to another user (its dnsmasq, running as root,
 * created it), and when the content already matches, rsync -a would try to fix its times, mode and
 * group in place and fail with exit 23. A changed file is a new file renamed into place either way.
 * Options given later (e.g. --times) still win.
 */
export const RSYNC_CONTENT_ONLY = ['--no-times', '--no-perms', '--no-owner', '--no-group'] as const;

/** rsync -a --no-times --no-perms --no-owner --no-group --checksum --delay-updates --timeout=60 [options...] -e <ssh> --rsync-path=... <source> <destination>. */
export function rsyncArgv(input: RsyncArgvInput): string[] {
  const { options } = input;
  const argv = [input.command, '-a', ...RSYNC_CONTENT_ONLY];
  // Ours: rsync's quick check (size + whole-second mtime) misses a same-size lease rewrite within one
  // second (lab-findings.md), so contents are always compared, even beside -c or --modify-window;
  // only an explicit --no-checksum in the options turns it off.
  if (!options.includes('--no-checksum')) argv.push('--checksum');
  argv.push('--delay-updates');
  if (!options.some((o) => o === '--timeout' || o.startsWith('--timeout='))) argv.push(RSYNC_TIMEOUT_OPTION);
  argv.push(...options, '-e', input.sshCommand, rsyncPathOption(input.remoteDir), input.sourcePath, input.destination);
  return argv;
}
