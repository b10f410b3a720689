import { describe, expect, it } from 'vitest';
import { parseLeaseText } from './leases.js';

describe('lab lease view', () => {
  it('lab lease view › reads v4 leases, the server DUID and v6 leases', () => {
    const view = parseLeaseText(
      [
        '1700000000 02:00:00:00:30:11 192.0.2.150 * 01:02:00:00:00:30:11',
        'duid 00:01:00:01:2c:aa:bb:cc:02:00:00:00:00:02',
        '1700000000 12345 2001:db8:30::1a2 * 00:01:00:01:2c:11:22:33:02:00:00:00:30:12',
        '',
      ].join('\n'),
    );
    expect(view.v4).toEqual([{ expiry: 1700000000, mac: '02:00:00:00:30:11', address: '192.0.2.150' }]);
    expect(view.serverDuid).toBe('00:01:00:01:2c:aa:bb:cc:02:00:00:00:00:02');
    expect(view.v6).toEqual([{ expiry: 1700000000, iaid: '12345', address: '2001:db8:30::1a2', duid: '00:01:00:01:2c:11:22:33:02:00:00:00:30:12' }]);
  });

  it('lab lease view › an empty file has no leases', () => {
    expect(parseLeaseText('')).toEqual({ v4: [], v6: [], serverDuid: undefined });
  });

  it('lab lease view › rejects a torn line, quoting it', () => {
    expect(() => parseLeaseText('1700000000 02:00:00:00:30:11 192.0')).toThrow('lease file line: expected "<expiry> <mac|iaid> <address> <hostname> <client-id>", found "1700000000 02:00:00:00:30:11 192.0"');
  });
});
