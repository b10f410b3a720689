import { describe, expect, it } from 'vitest';
import { rsyncArgv, rsyncDestination, rsyncPullArgv } from './rsync-argv.js';

const base = { command: 'rsync', sshCommand: 'ssh', sourcePath: '/d/f', destination: 'h:/d/f' };
// No --rsync-path: the receiver on the target prepares its directories, and no remote shell runs.
const tail = ['-e', 'ssh', '/d/f', 'h:/d/f'];
/** Our flags before the timeout: contents only, never attributes in place. */
const FLAGS = ['-a', '--no-times', '--no-perms', '--no-owner', '--no-group', '--checksum', '--delay-updates'];

describe('rsyncArgv', () => {
  it('rsync › default argv', () => {
    expect(rsyncArgv({ ...base, options: [] })).toEqual(['rsync', ...FLAGS, '--timeout=60', ...tail]);
  });

  it('rsync › user options follow the defaults', () => {
    expect(rsyncArgv({ ...base, options: ['--bwlimit=1m', '-v'] })).toEqual(['rsync', ...FLAGS, '--timeout=60', '--bwlimit=1m', '-v', ...tail]);
  });

  it.each([[['--timeout=30']], [['--timeout', '30']]])('rsync › a user timeout replaces ours: %j', (options) => {
    expect(rsyncArgv({ ...base, options })).toEqual(['rsync', ...FLAGS, ...options, ...tail]);
  });

  it('rsync › --timeoutx is not a timeout option', () => {
    expect(rsyncArgv({ ...base, options: ['--timeoutx'] })).toContain('--timeout=60');
  });

  it('rsync › --no-checksum drops our --checksum', () => {
    const withoutChecksum = FLAGS.filter((flag) => flag !== '--checksum');
    expect(rsyncArgv({ ...base, options: ['--no-checksum'] })).toEqual(['rsync', ...withoutChecksum, '--timeout=60', '--no-checksum', ...tail]);
  });

  it.each([[['-c']], [['--checksum']], [['--modify-window=-1']]])('rsync › --checksum stays beside %j', (options) => {
    expect(rsyncArgv({ ...base, options }).slice(0, 7)).toEqual(['rsync', ...FLAGS.slice(0, 6)]);
  });

  it('rsync › argv[0] is the configured command', () => {
    expect(rsyncArgv({ ...base, command: '/opt/bin/rsync', options: [] })[0]).toBe('/opt/bin/rsync');
  });
});

describe('rsyncPullArgv', () => {
  const pull = { command: 'rsync', sshCommand: 'ssh', from: 'h:/d/f', localPath: '/d/.routerd-inbox/f.pulled' };

  it('rsync › a pull has the push options but --delay-updates, then the remote file and the local one', () => {
    expect(rsyncPullArgv({ ...pull, options: [] })).toEqual([
      'rsync',
      ...FLAGS.filter((flag) => flag !== '--delay-updates'),
      '--timeout=60',
      '-e',
      'ssh',
      'h:/d/f',
      '/d/.routerd-inbox/f.pulled',
    ]);
  });

  it('rsync › a pull follows the target options too: its timeout replaces ours', () => {
    expect(rsyncPullArgv({ ...pull, options: ['--timeout=10', '--no-checksum'] }).slice(1, 8)).toEqual([
      '-a',
      '--no-times',
      '--no-perms',
      '--no-owner',
      '--no-group',
      '--timeout=10',
      '--no-checksum',
    ]);
  });
});

describe('rsyncDestination', () => {
  it.each([
    ['standby.example', undefined, 'standby.example:/f'],
    ['standby.example', 'routerd', 'routerd@standby.example:/f'],
    ['192.0.2.2', 'routerd', 'routerd@192.0.2.2:/f'],
    ['2001:db8::2', undefined, '[2001:db8::2]:/f'],
    ['2001:db8::2', 'routerd', 'routerd@[2001:db8::2]:/f'],
    ['[2001:db8::2]', 'routerd', 'routerd@[2001:db8::2]:/f'],
  ])('rsync › host %s user %s gives %s', (host, user, destination) => {
    expect(rsyncDestination(host, user, '/f')).toBe(destination);
  });
});
