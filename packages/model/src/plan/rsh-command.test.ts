import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinRshCommand, quoteRshPart, RshCommandError, splitRshCommand } from './rsh-command.js';

const tricky = [
  'ssh',
  '-o',
  'ProxyCommand=ssh -W %h:%p jump',
  "it's",
  'say "hi"',
  'back\\slash',
  '',
  'tab\there',
  "'",
  '"',
  "''",
  'plain=value',
];

function hasRsync(): boolean {
  try {
    execFileSync('rsync', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('quoteRshPart', () => {
  it.each([
    ['BatchMode=yes', 'BatchMode=yes'],
    ['ControlPath=/run/routerd/ssh/%C', 'ControlPath=/run/routerd/ssh/%C'],
    ['ProxyCommand=ssh -W %h:%p jump', "'ProxyCommand=ssh -W %h:%p jump'"],
    ["it's", "'it''s'"],
    ['a"b', `'a"b'`],
    ['a\\b', "'a\\b'"],
    ['', "''"],
  ])('rsh › %j is written %s', (part, quoted) => {
    expect(quoteRshPart(part)).toBe(quoted);
  });
});

describe('joinRshCommand / splitRshCommand', () => {
  it('rsh › parts round-trip through rsync-style splitting', () => {
    expect(splitRshCommand(joinRshCommand(tricky))).toEqual(tricky);
  });

  it('rsh › plain parts are joined with single spaces', () => {
    expect(joinRshCommand(['ssh', '-o', 'BatchMode=yes'])).toBe('ssh -o BatchMode=yes');
  });

  it('rsh › splitting follows rsync: spaces only, both quotes, doubled quotes, no backslash escapes', () => {
    expect(splitRshCommand(`  ssh  "a b"'c'  'x''y' "p""q" a\\ b\tc`)).toEqual(['ssh', 'a bc', "x'y", 'p"q', 'a\\', 'b\tc']);
  });

  it('rsh › a missing closing quote is an error naming the command', () => {
    expect(() => splitRshCommand(`ssh 'open`)).toThrow(new RshCommandError(`expected a closing ' in the remote-shell command, found "ssh 'open"`));
  });

  it.skipIf(!hasRsync())('rsh › real rsync hands ssh exactly the parts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsh-'));
    try {
      const fake = join(dir, 'fake-ssh');
      const out = join(dir, 'args');
      writeFileSync(fake, `#!/bin/sh\nfor a; do printf '%s\\0' "$a"; done > '${out}'\nexit 1\n`);
      chmodSync(fake, 0o755);
      writeFileSync(join(dir, 'src'), 'x');
      const parts = [fake, ...tricky.slice(1)];
      try {
        execFileSync('rsync', ['-e', joinRshCommand(parts), join(dir, 'src'), 'host.example:/tmp/x'], { stdio: 'ignore' });
      } catch {
        // the fake ssh exits 1; only the arguments it saw matter
      }
      const seen = readFileSync(out, 'utf8').split('\0').slice(0, -1);
      expect(seen.slice(0, parts.length - 1)).toEqual(parts.slice(1));
      expect(seen[parts.length - 1]).toBe('host.example');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
