import { describe, expect, it } from 'vitest';
import { splitCommandWords } from './command-words.js';

describe('lease receiver › SSH_ORIGINAL_COMMAND words', () => {
  it.each([
    ['a push as rsync sends it', 'rsync --server -lDrce.iLsfxCIvu --timeout=60 --delay-updates . /var/lib/routerd/dnsmasq/dnsmasq.leases', ['rsync', '--server', '-lDrce.iLsfxCIvu', '--timeout=60', '--delay-updates', '.', '/var/lib/routerd/dnsmasq/dnsmasq.leases']],
    ['escaped spaces stay in the word', 'rsync --server -lDrce.iLsfxCIvu . /var/lib/a\\ b/dnsmasq.leases', ['rsync', '--server', '-lDrce.iLsfxCIvu', '.', '/var/lib/a b/dnsmasq.leases']],
    ['escaped quotes, $ and a backslash', "rsync . /x/it\\'s\\\"\\$y\\\\z", ['rsync', '.', '/x/it\'s"$y\\z']],
    ['runs of blanks and tabs separate once', ' rsync  --server\t.  /x ', ['rsync', '--server', '.', '/x']],
    ['an unescaped wildcard is a plain character', 'rsync . /x/*', ['rsync', '.', '/x/*']],
  ])('lease receiver › words: %s', (_name, command, words) => {
    expect(splitCommandWords(command)).toEqual({ ok: true, words });
  });

  it.each([
    ['a shell command line', "mkdir -p '/var/lib/routerd/dnsmasq' && rsync --server . /x", 'it holds a bare "\'" at offset 9, which rsync would have escaped: a shell command line is not accepted'],
    ['a command separator', 'rsync --server . /x; rm -rf /', 'it holds a bare ";" at offset 19, which rsync would have escaped: a shell command line is not accepted'],
    ['a substitution', 'rsync . $(id)', 'it holds a bare "$" at offset 8, which rsync would have escaped: a shell command line is not accepted'],
    ['a newline', 'rsync . /x\nid', 'it holds the control character "\\n"'],
    ['a trailing backslash', 'rsync . /x\\', 'it ends in a lone backslash'],
  ])('lease receiver › refused: %s', (_name, command, problem) => {
    expect(splitCommandWords(command)).toEqual({ ok: false, problem });
  });

  it('lease receiver › an empty command has no words', () => {
    expect(splitCommandWords('')).toEqual({ ok: true, words: [] });
  });
});
