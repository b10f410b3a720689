import { describe, expect, it } from 'vitest';
import { inboxPaths } from './inbox-paths.js';

describe('inbox paths', () => {
  it('inbox paths › beside the live file, one name per role', () => {
    expect(inboxPaths('/var/lib/routerd/dnsmasq/dnsmasq.leases')).toEqual({
      live: '/var/lib/routerd/dnsmasq/dnsmasq.leases',
      dir: '/var/lib/routerd/dnsmasq/.routerd-inbox',
      incoming: '/var/lib/routerd/dnsmasq/.routerd-inbox/dnsmasq.leases.incoming',
      handback: '/var/lib/routerd/dnsmasq/.routerd-inbox/dnsmasq.leases.handback',
      base: '/var/lib/routerd/dnsmasq/.routerd-inbox/dnsmasq.leases.base',
      pulled: '/var/lib/routerd/dnsmasq/.routerd-inbox/dnsmasq.leases.pulled',
      lock: '/var/lib/routerd/dnsmasq/.routerd-inbox/dnsmasq.leases.lock',
    });
  });

  it('inbox paths › a relative path or a directory is refused, naming it', () => {
    expect(() => inboxPaths('dnsmasq.leases')).toThrow('lease file: expected an absolute path of a file, found "dnsmasq.leases"');
    expect(() => inboxPaths('/var/lib/')).toThrow('found "/var/lib/"');
  });
});
