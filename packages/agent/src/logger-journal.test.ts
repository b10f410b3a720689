// The built logger in a real process whose stdout is a stream socket, as systemd connects a unit's stdout
// to journald: JOURNAL_STREAM set to fd 1's "<dev>:<inode>" the way systemd sets it. Then a real
// systemd-journald, private to this test (its own mount namespace and tmpfs /run), reading the lines
// through systemd-cat: `journalctl -p warning` must select the warnings and errors and nothing else.
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';

const PACKAGE = new URL('..', import.meta.url).pathname;
const LOGGER = new URL('../dist/logger.js', import.meta.url).href;
const IDENTIFIER = `routerd-logtest-${process.pid}`;

// One line per level, from the logger as built.
const SCRIPT = `
const { createLogger } = await import(${JSON.stringify(LOGGER)});
const log = createLogger({ name: ${JSON.stringify(IDENTIFIER)}, node: 'r1', level: 'trace' });
for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) log[level]('a ' + level + ' line');
`;
/** sh -c: set JOURNAL_STREAM to this shell's stdout, as systemd does for a unit, then exec node. */
const AS_SYSTEMD = 'JOURNAL_STREAM=$(stat -L -c %d:%i /proc/$$/fd/1) exec "$0" --input-type=module -e "$1"';

const JOURNALD = '/lib/systemd/systemd-journald';
const journalTools = ['/usr/bin/unshare', '/usr/bin/systemd-cat', '/usr/bin/journalctl', JOURNALD].filter((path) => !existsSync(path));
const noJournald = process.getuid?.() !== 0 ? 'not root' : journalTools.length > 0 ? `missing ${journalTools.join(', ')}` : undefined;

// In a private mount namespace: journald's sockets and files on tmpfs, its own messages on stderr (not the
// host's kmsg), stopped by its pid. "$@" is the logging command.
const PRIVATE_JOURNAL = `
mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/journal
if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal; fi
SYSTEMD_LOG_TARGET=console ${JOURNALD} 2>/dev/null &
journald=$!
trap 'kill $journald; wait $journald' EXIT
for i in $(seq 100); do [ -S /run/systemd/journal/stdout ] && break; sleep 0.05; done
systemd-cat -t ${IDENTIFIER} sh -c "$@"
for i in $(seq 100); do [ "$(journalctl -t ${IDENTIFIER} -o cat --no-pager | wc -l)" -ge 6 ] && break; sleep 0.05; done
journalctl -p warning -t ${IDENTIFIER} -o json --no-pager
`;

describe('logger › journal', () => {
  beforeAll(async () => {
    await execa('npx', ['tsc', '-b', 'tsconfig.lib.json'], { cwd: PACKAGE });
  }, 120_000);

  it('logger › a process whose stdout is the journal stream prefixes each line with its priority; one whose is not does not', async () => {
    const journal = await execa('sh', ['-c', AS_SYSTEMD, process.execPath, SCRIPT]);
    expect(journal.stdout.split('\n').map((line) => line.slice(0, line.indexOf('{')))).toEqual(['<7>', '<7>', '<6>', '<4>', '<3>', '<2>']);
    expect(journal.stdout.split('\n').map((line) => (JSON.parse(line.slice(3)) as { msg: string }).msg)).toEqual([
      'a trace line',
      'a debug line',
      'a info line',
      'a warn line',
      'a error line',
      'a fatal line',
    ]);
    // Inherited by a process whose stdout is elsewhere (here a new pipe): plain JSON.
    const inherited = await execa(process.execPath, ['--input-type=module', '-e', SCRIPT], { env: { JOURNAL_STREAM: '9:1' } });
    expect(inherited.stdout.split('\n').map((line) => line[0])).toEqual(['{', '{', '{', '{', '{', '{']);
  }, 30_000);

  it.skipIf(noJournald !== undefined)(`logger › journalctl -p warning selects the warnings and errors, at their priorities (real journald${noJournald === undefined ? '' : `; skipped: ${noJournald}`})`, async () => {
    const result = await execa('unshare', ['-m', '--propagation', 'private', 'sh', '-c', PRIVATE_JOURNAL, 'journal-test', AS_SYSTEMD, process.execPath, SCRIPT], { timeout: 30_000 });
    const entries = result.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { PRIORITY: string; MESSAGE: string; SYSLOG_IDENTIFIER: string });
    expect(entries.map((e) => [e.PRIORITY, (JSON.parse(e.MESSAGE) as { level: string }).level])).toEqual([
      ['4', 'warn'],
      ['3', 'error'],
      ['2', 'fatal'],
    ]);
    expect(new Set(entries.map((e) => e.SYSLOG_IDENTIFIER))).toEqual(new Set([IDENTIFIER]));
  }, 60_000);
});
