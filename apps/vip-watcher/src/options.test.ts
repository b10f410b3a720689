import { describe, expect, it } from 'vitest';
import { parseWatcherArgs } from './options.js';

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
});
