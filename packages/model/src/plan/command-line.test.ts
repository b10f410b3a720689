import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, shellQuote } from './command-line.js';

describe('shellQuote', () => {
  it.each([
    ['rsync', 'rsync'],
    ['--timeout=60', '--timeout=60'],
    ['routerd@[2001:db8::2]:/var/lib/x', "'routerd@[2001:db8::2]:/var/lib/x'"],
    ['user@host:/var/lib/routerd/dnsmasq/dnsmasq.leases', 'user@host:/var/lib/routerd/dnsmasq/dnsmasq.leases'],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
    ['$HOME', "'$HOME'"],
    ['~', "'~'"],
  ])('command line › %j is written %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});

describe('commandLine', () => {
  it('command line › renders an rsync argv readably', () => {
    expect(commandLine(['rsync', '-a', '-e', 'ssh -o BatchMode=yes', "--rsync-path=mkdir -p '/var/lib/x' && rsync", '/a', 'h:/a'])).toBe(
      `rsync -a -e 'ssh -o BatchMode=yes' '--rsync-path=mkdir -p '\\''/var/lib/x'\\'' && rsync' /a h:/a`,
    );
  });

  it('command line › quotes a first word that would be an assignment', () => {
    expect(commandLine(['A=b', 'c=d'])).toBe("'A=b' c=d");
  });

  it('command line › a POSIX shell reads back the same argv', () => {
    const argv = ['printf', '%s\\0', "it's", 'a b', '', '$x `y` "z"', '\\', '*', 'A=b', "--rsync-path=mkdir -p '/a b' && rsync"];
    const out = execFileSync('/bin/sh', ['-c', commandLine(argv)], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(argv.slice(2));
  });
});
