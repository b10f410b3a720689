import { describe, expect, it } from 'vitest';
import { sshCommandParts, sshOptionKeys } from './ssh-command.js';

const CP = '/run/routerd/ssh/%C';
const KEEPALIVE = ['-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3'];
const DEFAULTS = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', ...KEEPALIVE];
const REUSE = ['-o', 'ControlMaster=auto', '-o', `ControlPath=${CP}`, '-o', 'ControlPersist=60s'];

describe('sshOptionKeys', () => {
  it.each([
    [['-o', 'ConnectTimeout=5'], ['connecttimeout']],
    [['-oConnectTimeout=5'], ['connecttimeout']],
    [['-o ConnectTimeout=5'], ['connecttimeout']],
    [['-o', 'connecttimeout 5'], ['connecttimeout']],
    [['-4o', 'BATCHMODE=no'], ['batchmode']],
    [['-p', '2222', '-i', '/k', '-o', 'User=x'], ['user']],
    [['-i', '-oFake=1'], []],
    [['-M', '-S', '/tmp/s'], ['controlmaster', 'controlpath']],
    [['-Mv'], ['controlmaster']],
    [['-S/tmp/s'], ['controlpath']],
    [['-o'], []],
    [['host', '--', '-'], []],
  ])('ssh › %j sets %j', (options, keys) => {
    expect([...sshOptionKeys(options)]).toEqual(keys);
  });
});

describe('sshCommandParts', () => {
  it('ssh › defaults, then reuse, then the user options', () => {
    expect(sshCommandParts(['-p', '2222'], CP)).toEqual(['ssh', ...DEFAULTS, ...REUSE, '-p', '2222']);
  });

  it('ssh › no reuse without a control path', () => {
    expect(sshCommandParts([], undefined)).toEqual(['ssh', ...DEFAULTS]);
  });

  it.each([
    [['-o', 'ConnectTimeout=5'], ['-o', 'BatchMode=yes', ...KEEPALIVE]],
    [['-oconnecttimeout=5'], ['-o', 'BatchMode=yes', ...KEEPALIVE]],
    [['-o BatchMode=no'], ['-o', 'ConnectTimeout=10', ...KEEPALIVE]],
    [['-o', 'BatchMode=no', '-o', 'ConnectTimeout=3'], KEEPALIVE],
    [['-o', 'BatchMode=no', '-o', 'ConnectTimeout=3', '-o', 'ServerAliveInterval=2', '-o', 'ServerAliveCountMax=2'], []],
  ])('ssh › a default the user sets is left out: %j', (options, defaults) => {
    expect(sshCommandParts(options, undefined)).toEqual(['ssh', ...defaults, ...options]);
  });

  it.each([[['-o', 'ControlMaster=no']], [['-o', 'controlpath=none']], [['-S', 'none']], [['-M']]])(
    'ssh › the user taking over ControlMaster or ControlPath drops all reuse options: %j',
    (options) => {
      expect(sshCommandParts(options, CP)).toEqual(['ssh', ...DEFAULTS, ...options]);
    },
  );

  it('ssh › a user ControlPersist replaces ours', () => {
    expect(sshCommandParts(['-o', 'ControlPersist=5m'], CP)).toEqual(['ssh', ...DEFAULTS, ...REUSE.slice(0, 4), '-o', 'ControlPersist=5m']);
  });
});
