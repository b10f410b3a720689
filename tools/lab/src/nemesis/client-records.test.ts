import { describe, expect, it } from 'vitest';
import { driverLine, parseClientEvents } from './client-records.js';

describe('nemesis client records', () => {
  it('nemesis client records › reads the hook lines and the driver lines, in time order', () => {
    const text = [
      '1700000000000 driver join',
      '1700000000100 deconfig',
      '1700000003500 bound 192.0.2.105 192.0.2.2 120',
      '1700000063500 renew 192.0.2.105 192.0.2.3 120',
      '1700000070000 nak requested address not available',
      '1700000069000 leasefail',
      driverLine(1700000080000, 'release').trim(),
      '',
    ].join('\n');
    const { events, bad } = parseClientEvents(text, 'c1');
    expect(bad).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['driver', 'deconfig', 'bound', 'renew', 'leasefail', 'nak', 'driver']);
    expect(events[2]).toEqual({ at: 1700000003500, type: 'bound', address: '192.0.2.105', serverId: '192.0.2.2', leaseSec: 120 });
    expect(events[5]).toEqual({ at: 1700000070000, type: 'nak', message: 'requested address not available' });
    expect(events[6]).toEqual({ at: 1700000080000, type: 'driver', action: 'release' });
  });

  it('nemesis client records › names each line that is not a record, and keeps the rest', () => {
    const { events, bad } = parseClientEvents('nonsense\n1700000000000 bound 192.0.2.300x 192.0.2.2 120\n1700000000000 driver dance\n1700000000000 bound 192.0.2.5 192.0.2.2 120\n', 'c4');
    expect(events).toHaveLength(1);
    expect(bad).toEqual([
      'c4:1: expected a millisecond timestamp first: "nonsense"',
      'c4:2: expected an IPv4 address after bound, found "192.0.2.300x": "1700000000000 bound 192.0.2.300x 192.0.2.2 120"',
      'c4:3: expected a driver action, found "dance": "1700000000000 driver dance"',
    ]);
  });
});
