import { describe, expect, it } from 'vitest';
import { ipCommandFor, parseWatcherArgs, WATCHER_USAGE } from './options.js';

describe('vip-watcher › options', () => {
  it('vip-watcher › defaults: no FIFO, /run/keepalived.pid; other arguments pass through', () => {
    expect(parseWatcherArgs(['--config', '/etc/r.yaml', '--node=r1'], {})).toEqual({
      options: { notifyFifo: undefined, keepalivedPidFile: '/run/keepalived.pid' },
      rest: ['--config', '/etc/r.yaml', '--node=r1'],
    });
  });

  it('vip-watcher › flags win over the environment', () => {
    const env = { ROUTERD_KEEPALIVED_NOTIFY_FIFO: '/run/env.fifo', ROUTERD_KEEPALIVED_PIDFILE: '/run/env.pid' };
    expect(parseWatcherArgs([], env).options).toEqual({ notifyFifo: '/run/env.fifo', keepalivedPidFile: '/run/env.pid' });
    expect(parseWatcherArgs(['--notify-fifo', '/run/a.fifo', '--keepalived-pidfile=/run/a.pid', '--help'], env)).toEqual({
      options: { notifyFifo: '/run/a.fifo', keepalivedPidFile: '/run/a.pid' },
      rest: ['--help'],
    });
    expect(parseWatcherArgs([], { ROUTERD_KEEPALIVED_NOTIFY_FIFO: '' }).options.notifyFifo).toBeUndefined();
  });

  it('vip-watcher › bad values name the flag or variable and what was found', () => {
    expect(() => parseWatcherArgs(['--notify-fifo'], {})).toThrow('--notify-fifo: expected a path, found the end of the arguments');
    expect(() => parseWatcherArgs(['--notify-fifo', '--node'], {})).toThrow('--notify-fifo: expected a path, found "--node"');
    expect(() => parseWatcherArgs(['--keepalived-pidfile=run/k.pid'], {})).toThrow('--keepalived-pidfile: expected an absolute path without newlines, found "run/k.pid"');
    expect(() => parseWatcherArgs([], { ROUTERD_KEEPALIVED_PIDFILE: 'k.pid' })).toThrow('ROUTERD_KEEPALIVED_PIDFILE: expected an absolute path without newlines, found "k.pid"');
    expect(() => parseWatcherArgs(['--notify-fifo=/a', '--notify-fifo=/b'], {})).toThrow('--notify-fifo: given twice ("/a" and "/b")');
  });

  it('vip-watcher › --netns NAME (or ROUTERD_VIP_NETNS) observes that namespace through `ip -n NAME`', () => {
    expect(parseWatcherArgs(['--node', 'r1'], {}).options.netns).toBeUndefined();
    expect(parseWatcherArgs(['--netns', 'vrf-lan.1_a', '--node', 'r1'], {})).toEqual({
      options: { notifyFifo: undefined, keepalivedPidFile: '/run/keepalived.pid', netns: 'vrf-lan.1_a' },
      rest: ['--node', 'r1'],
    });
    expect(parseWatcherArgs(['--netns=flag-ns'], { ROUTERD_VIP_NETNS: 'env-ns' }).options.netns).toBe('flag-ns');
    expect(parseWatcherArgs([], { ROUTERD_VIP_NETNS: 'env-ns' }).options.netns).toBe('env-ns');
    expect(parseWatcherArgs([], { ROUTERD_VIP_NETNS: '' }).options.netns).toBeUndefined();
    expect(ipCommandFor({ netns: 'keepalived' })).toEqual(['ip', '-n', 'keepalived']);
    expect(ipCommandFor({ netns: undefined })).toEqual(['ip']);
    expect(ipCommandFor({})).toEqual(['ip']);
    expect(WATCHER_USAGE).toContain('--netns NAME');
    expect(WATCHER_USAGE).toContain('ROUTERD_VIP_NETNS');
  });

  it('vip-watcher › a bad --netns names the flag or variable and what was found', () => {
    expect(() => parseWatcherArgs(['--netns'], {})).toThrow('--netns: expected a namespace name, found the end of the arguments');
    expect(() => parseWatcherArgs(['--netns', '--node'], {})).toThrow('--netns: expected a namespace name, found "--node"');
    const expectation = 'expected a network namespace name of letters, digits, "_", "." and "-" (not starting with "-")';
    expect(() => parseWatcherArgs(['--netns', 'a/b'], {})).toThrow(`--netns: ${expectation}, found "a/b"`);
    expect(() => parseWatcherArgs(['--netns=-n'], {})).toThrow(`--netns: ${expectation}, found "-n"`);
    expect(() => parseWatcherArgs(['--netns=..'], {})).toThrow(`--netns: ${expectation}, found ".."`);
    expect(() => parseWatcherArgs(['--netns='], {})).toThrow(`--netns: ${expectation}, found ""`);
    expect(() => parseWatcherArgs([], { ROUTERD_VIP_NETNS: 'lan ns' })).toThrow(`ROUTERD_VIP_NETNS: ${expectation}, found "lan ns"`);
    expect(() => parseWatcherArgs(['--netns=a', '--netns=b'], {})).toThrow('--netns: given twice ("a" and "b")');
  });
});
