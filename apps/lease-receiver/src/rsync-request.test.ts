import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitCommandWords } from './command-words.js';
import { parseRsyncRequest } from './rsync-request.js';

const LIVE = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
const parse = (command: string) => {
  const words = splitCommandWords(command);
  if (!words.ok) throw new Error(words.problem);
  return parseRsyncRequest(words.words);
};

describe('lease receiver › rsync server command lines', () => {
  it.each([
    ["the plan's push", `rsync --server -lDrce.iLsfxCIvu --timeout=60 --delay-updates . ${LIVE}`, 'push', ['-lDrce.iLsfxCIvu', '--timeout=60', '--delay-updates'], LIVE],
    ['a push with -a and -c only', `rsync --server -logDtprce.iLsfxCIvu --timeout=60 --delay-updates . ${LIVE}`, 'push', ['-logDtprce.iLsfxCIvu', '--timeout=60', '--delay-updates'], LIVE],
    ['a push with -v, -z and --bwlimit', `rsync --server -vlogDprcze.iLsfxCIvu --timeout=10 --bwlimit=100 --delay-updates . ${LIVE}`, 'push', ['-vlogDprcze.iLsfxCIvu', '--timeout=10', '--bwlimit=100', '--delay-updates'], LIVE],
    ['a push with --no-checksum', `rsync --server -lDre.iLsfxCIvu --timeout=60 --delay-updates . ${LIVE}`, 'push', ['-lDre.iLsfxCIvu', '--timeout=60', '--delay-updates'], LIVE],
    ['a pre-release protocol', `rsync --server -lDrce32.1iLsfxCIvu . ${LIVE}`, 'push', ['-lDrce32.1iLsfxCIvu'], LIVE],
    ['a handback', `rsync --server -lDrce.iLsfxCIvu --timeout=60 --delay-updates . ${LIVE}.routerd-handback`, 'handback', ['-lDrce.iLsfxCIvu', '--timeout=60', '--delay-updates'], LIVE],
    ['a pull', `rsync --server --sender -lDrce.iLsfxCIvu --timeout=60 . ${LIVE}`, 'pull', ['-lDrce.iLsfxCIvu', '--timeout=60'], LIVE],
    ['a path with escaped spaces', 'rsync --server -lDrce.iLsfxCIvu . /srv/my\\ leases/dnsmasq.leases', 'push', ['-lDrce.iLsfxCIvu'], '/srv/my leases/dnsmasq.leases'],
  ])('lease receiver › accepted: %s', (_name, command, kind, options, path) => {
    expect(parse(command)).toEqual({ ok: true, request: { kind, options, path } });
  });

  it.each([
    ['--remove-source-files', `rsync --server -lDrce.iLsfxCIvu --remove-source-files . ${LIVE}`, 'the option "--remove-source-files" is not accepted (accepted: --timeout=N, --delay-updates, --bwlimit=N and one flag group)'],
    ['--delete', `rsync --server -lDrce.iLsfxCIvu --delete . ${LIVE}`, 'the option "--delete" is not accepted'],
    ['--delete-after', `rsync --server -lDrce.iLsfxCIvu --delete-after . ${LIVE}`, 'the option "--delete-after" is not accepted'],
    ['--rsync-path', `rsync --server -lDrce.iLsfxCIvu --rsync-path=/tmp/x . ${LIVE}`, 'the option "--rsync-path=/tmp/x" is not accepted'],
    ['--log-file', `rsync --server -lDrce.iLsfxCIvu --log-file=/tmp/log . ${LIVE}`, 'the option "--log-file=/tmp/log" is not accepted'],
    ['--log-file-format', `rsync --server -lDrce.iLsfxCIvu --log-file-format=%f . ${LIVE}`, 'the option "--log-file-format=%f" is not accepted'],
    ['--files-from', `rsync --server -lDrce.iLsfxCIvu --files-from=/etc/shadow . ${LIVE}`, 'the option "--files-from=/etc/shadow" is not accepted'],
    ['--temp-dir with its value apart', `rsync --server -lDrce.iLsfxCIvu --temp-dir /tmp . ${LIVE}`, 'the option "--temp-dir" is not accepted'],
    ['-e as its own option', `rsync --server -e ssh -lDrce.iLsfxCIvu . ${LIVE}`, 'the option "-e" is not accepted (expected one flag group like -lDrce.iLsfxCIvu, made of the letters rlptgoDcvz)'],
    ['a backup flag in the group', `rsync --server -blogDtpre.iLsfxCIvu --suffix=.bak . ${LIVE}`, 'the flag group "-blogDtpre.iLsfxCIvu" holds -b, not accepted (accepted letters: rlptgoDcvz)'],
    ['relative paths and hard links', `rsync --server -RHlDrce.iLsfxCIvu . ${LIVE}`, 'the flag group "-RHlDrce.iLsfxCIvu" holds -R, -H, not accepted (accepted letters: rlptgoDcvz)'],
    ['no flag group', `rsync --server --timeout=60 . ${LIVE}`, '0 flag groups (expected exactly one, like -lDrce.iLsfxCIvu)'],
    ['two flag groups', `rsync --server -lDrce.iLsfxCIvu -lDre.iLs . ${LIVE}`, '2 flag groups (expected exactly one, like -lDrce.iLsfxCIvu)'],
    ['--sender out of its place', `rsync --server -lDrce.iLsfxCIvu --sender . ${LIVE}`, 'the option "--sender" is not accepted'],
    ['no "."', `rsync --server -lDrce.iLsfxCIvu ${LIVE}`, 'no "." before the path'],
    ['no path', 'rsync --server -lDrce.iLsfxCIvu .', 'no path after "."'],
    ['two paths', `rsync --server --sender -lDrce.iLsfxCIvu . ${LIVE} /etc/shadow`, '2 paths after "." (expected one lease path)'],
    ['another program', `scp -t ${LIVE}`, 'a command starting "scp -t", not "rsync --server"'],
    ['rsync as a client', `rsync ${LIVE} /tmp/x`, `a command starting "rsync ${LIVE}", not "rsync --server"`],
    ['a daemon request', 'rsync --server --daemon .', 'the option "--daemon" is not accepted'],
  ])('lease receiver › refused: %s', (_name, command, problem) => {
    const result = parse(command);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.startsWith(problem), result.problem).toBe(true);
  });

  it('lease receiver › no command at all (an interactive login) is refused', () => {
    expect(parseRsyncRequest([])).toEqual({ ok: false, problem: 'no command (an interactive login, or ssh without a command)' });
  });
});

describe('lease receiver › the command lines the real rsync sends', () => {
  // A remote shell that records the command rsync asks it to run, and fails: nothing is transferred.
  const dir = mkdtempSync(join(tmpdir(), 'rsync-lines-'));
  const shell = join(dir, 'record-ssh');
  writeFileSync(shell, `#!/bin/sh\nshift\nprintf '%s\\n' "$*" >> ${dir}/commands\nexit 1\n`);
  chmodSync(shell, 0o755);
  writeFileSync(join(dir, 'source'), 'x\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The syncer plan's options (rsyncArgv): -a, content only, --checksum, --delay-updates, --timeout.
  const plan = ['-a', '--no-times', '--no-perms', '--no-owner', '--no-group', '--checksum', '--timeout=60'];
  const sent = (args: string[]): string => {
    rmSync(join(dir, 'commands'), { force: true });
    spawnSync('rsync', [...args], { stdio: 'ignore' });
    return readFileSync(join(dir, 'commands'), 'utf8').trim();
  };
  const odd = "/srv/it's a \"lease\" $dir/dnsmasq.leases";

  it.each([
    ['push', [...plan, '--delay-updates', '-e', shell, join(dir, 'source'), `peer:${odd}`], 'push', odd],
    ['handback', [...plan, '--delay-updates', '-e', shell, join(dir, 'source'), `peer:${odd}.routerd-handback`], 'handback', odd],
    ['pull', [...plan, '-e', shell, `peer:${odd}`, join(dir, 'pulled')], 'pull', odd],
  ])("lease receiver › rsync's own %s line is accepted, an odd path unescaped exactly", (_name, args, kind, path) => {
    const line = sent(args);
    const result = parse(line);
    expect(result, line).toMatchObject({ ok: true, request: { kind, path } });
  });
});
