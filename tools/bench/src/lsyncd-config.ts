// lsyncd's configuration (Lua) for the peer section: default.rsync on one directory, pushing to the
// standby over the ssh the syncer's plan uses, through the counting rsync wrapper.
import { BenchOptionError } from './errors.js';

export interface LsyncdConfigInput {
  /** The watched directory (absolute); lsyncd watches directories, not files. */
  source: string;
  /** user@host:/path/ */
  target: string;
  /** Seconds lsyncd waits to aggregate events (its default is 15). */
  delay: number;
  /** The rsync binary lsyncd runs (the counting wrapper). */
  rsyncBinary: string;
  /** rsync's -e: the planned ssh command (with ControlMaster options when connections are reused). */
  rsh: string;
  /** Extra rsync options (the planned content options: --checksum, --delay-updates, ...). */
  extra: readonly string[];
  logFile: string;
  statusFile: string;
}

/** A Lua string literal; rejects NUL, which no path or option here may hold. */
export function luaString(text: string): string {
  if (text.includes('\0')) throw new BenchOptionError(`lsyncd configuration: expected a string without NUL, found ${JSON.stringify(text)}`);
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

export function lsyncdConfig(input: LsyncdConfigInput): string {
  if (!Number.isInteger(input.delay) || input.delay < 0) throw new BenchOptionError(`lsyncd delay: expected a whole number of seconds >= 0, found ${input.delay}`);
  for (const [name, value] of [['source', input.source], ['rsyncBinary', input.rsyncBinary], ['logFile', input.logFile], ['statusFile', input.statusFile]] as const) {
    if (!value.startsWith('/')) throw new BenchOptionError(`lsyncd ${name}: expected an absolute path, found ${JSON.stringify(value)}`);
  }
  if (!/^[^@\s]+@[^:\s]+:\//.test(input.target)) throw new BenchOptionError(`lsyncd target: expected user@host:/path, found ${JSON.stringify(input.target)}`);
  return [
    '-- Written by the routerd bench: lsyncd as a user would run it instead of the syncer.',
    'settings {',
    '  nodaemon = true,',
    `  logfile = ${luaString(input.logFile)},`,
    `  statusFile = ${luaString(input.statusFile)},`,
    '  insist = true,',
    '}',
    'sync {',
    '  default.rsync,',
    `  source = ${luaString(input.source)},`,
    `  target = ${luaString(input.target)},`,
    `  delay = ${input.delay},`,
    '  rsync = {',
    `    binary = ${luaString(input.rsyncBinary)},`,
    `    rsh = ${luaString(input.rsh)},`,
    `    _extra = { ${input.extra.map(luaString).join(', ')} },`,
    '  },',
    '}',
    '',
  ].join('\n');
}
