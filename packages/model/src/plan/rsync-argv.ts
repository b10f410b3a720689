// The rsync commands of one target (reference section 5), as argv: no shell runs them locally.
export const RSYNC_TIMEOUT_OPTION = '--timeout=60';

export interface RsyncArgvInput {
  command: string;
  options: readonly string[];
  sshCommand: string;
  sourcePath: string;
  destination: string;
}

/** "[user@]host:<path>", an IPv6 host in brackets so rsync does not read its colons as the separator. */
export function rsyncDestination(host: string, user: string | undefined, path: string): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${user !== undefined ? `${user}@` : ''}${bracketed}:${path}`;
}

/**
 * Ours: content only. The standby's file may belong to another user (its dnsmasq, running as root,
 * created it), and when the content already matches, rsync -a would try to fix its times, mode and
 * group in place and fail with exit 23. A changed file is a new file renamed into place either way.
 * Options given later (e.g. --times) still win.
 */
export const RSYNC_CONTENT_ONLY = ['--no-times', '--no-perms', '--no-owner', '--no-group'] as const;

/** command -a, content only, --checksum, [--delay-updates], the timeout unless the options set one, then the options. */
function rsyncOptions(command: string, options: readonly string[], delayUpdates: boolean): string[] {
  const argv = [command, '-a', ...RSYNC_CONTENT_ONLY];
  // Ours: rsync's quick check (size + whole-second mtime) misses a same-size lease rewrite within one
  // second (lab-findings.md), so contents are always compared, even beside -c or --modify-window;
  // only an explicit --no-checksum in the options turns it off.
  if (!options.includes('--no-checksum')) argv.push('--checksum');
  if (delayUpdates) argv.push('--delay-updates');
  if (!options.some((o) => o === '--timeout' || o.startsWith('--timeout='))) argv.push(RSYNC_TIMEOUT_OPTION);
  argv.push(...options);
  return argv;
}

/**
 * A push: rsync -a --no-times --no-perms --no-owner --no-group --checksum --delay-updates --timeout=60
 * [options...] -e <ssh> <source> <destination>. No --rsync-path: the receiver, the forced command of
 * the sync key on the target, prepares its own directories.
 */
export function rsyncArgv(input: RsyncArgvInput): string[] {
  return [...rsyncOptions(input.command, input.options, true), '-e', input.sshCommand, input.sourcePath, input.destination];
}

/**
 * A pull of the peer's file (`from`, "[user@]host:<path>") into a local file: the same options, without
 * --delay-updates (the local side receives; rsync still renames a finished file into place).
 */
export function rsyncPullArgv(input: { command: string; options: readonly string[]; sshCommand: string; from: string; localPath: string }): string[] {
  return [...rsyncOptions(input.command, input.options, false), '-e', input.sshCommand, input.from, input.localPath];
}
