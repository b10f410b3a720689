import { describe, expect, it } from 'vitest';
import { clientOf, parseTapLines } from './reports.js';

const clients = [
  { id: 'c1', mac: '02:00:00:00:30:11' },
  { id: 'c2', mac: '02:00:00:00:30:12' },
];
const event = (over: Record<string, unknown>) => ({
  type: 'reconcile.event',
  node: 'router-a',
  kind: 'DHCPv4Server',
  name: 'lan-dhcpv4',
  action: 'handback-merged',
  peer: 'router-b',
  at: '2026-01-01T00:00:00.000Z',
  message: 'merged 3 leases from router-b, 1 conflicts',
  ...over,
});
const tap = (data: unknown, router = 'r1', at = 1000) => JSON.stringify({ router, at, subject: 'routerd.router-a.reconcile.DHCPv4Server.lan-dhcpv4', data: typeof data === 'string' ? data : JSON.stringify(data) });
const conflict = { address: '192.0.2.105', winner: { client: '01:02:00:00:00:30:11', expiry: 5, from: 'live' }, loser: { client: '02:00:00:00:30:12', expiry: 4, from: 'incoming' } };

describe('nemesis reports', () => {
  it('nemesis reports › maps a client-id or a MAC to the lab client', () => {
    expect(clientOf('01:02:00:00:00:30:11', clients)).toBe('c1');
    expect(clientOf('02:00:00:00:30:12', clients)).toBe('c2');
    expect(clientOf('ff:00:00:00:30:99', clients)).toBeUndefined();
  });

  it('nemesis reports › a merge listing a conflict and a conflict event both report it', () => {
    const text = [tap(event({ conflicts: [conflict] })), tap(event({ action: 'conflict', conflicts: [conflict] }), 'r2', 2000), tap(event({ action: 'push-merged' }))].join('\n');
    const parsed = parseTapLines(text, 'r1 tap', clients);
    expect(parsed.bad).toEqual([]);
    expect(parsed.events).toHaveLength(3);
    expect(parsed.conflicts).toEqual([
      { router: 'r1', at: 1000, address: '192.0.2.105', winner: 'c1', loser: 'c2' },
      { router: 'r2', at: 2000, address: '192.0.2.105', winner: 'c1', loser: 'c2' },
    ]);
  });

  it('nemesis reports › a bad line or payload is named and reports nothing', () => {
    const parsed = parseTapLines(['not json', tap('{"type":"reconcile.event"}'), tap(event({ action: 'conflict' }))].join('\n'), 'r1 tap', clients);
    expect(parsed.conflicts).toEqual([]);
    expect(parsed.bad).toHaveLength(3);
    expect(parsed.bad[0]).toBe('r1 tap:1: expected a JSON tap line, found "not json"');
    expect(parsed.bad[1]).toMatch(/^r1 tap:2: bad message on/);
    expect(parsed.bad[2]).toBe('r1 tap:3: a conflict event that names no conflict: "merged 3 leases from router-b, 1 conflicts"');
  });
});
