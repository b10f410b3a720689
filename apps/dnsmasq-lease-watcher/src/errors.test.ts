import { describe, expect, it } from 'vitest';
import { LeaseWatcherOptionError, WatchSetupError } from './errors.js';

describe('lease-watcher › errors', () => {
  it('lease-watcher › each error names itself', () => {
    expect(new LeaseWatcherOptionError('x').name).toBe('LeaseWatcherOptionError');
  });

  it('lease-watcher › a watch setup error names the directory and keeps the cause', () => {
    const cause = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    const error = new WatchSetupError('/var/lib/routerd/dnsmasq', cause);
    expect(error.name).toBe('WatchSetupError');
    expect(error.message).toBe('cannot watch directory /var/lib/routerd/dnsmasq: ENOENT: no such file or directory');
    expect(error.cause).toBe(cause);
    expect(error.dir).toBe('/var/lib/routerd/dnsmasq');
  });
});
