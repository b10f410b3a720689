import { describe, expect, it } from 'vitest';
import type { ClientEvent, DriverAction } from './client-records.js';
import { check, notInFile, passed, summaryLine, type CheckInput, type ClientRecord } from './checker.js';
import type { ReportedConflict } from './reports.js';

const T0 = 1_800_000_000_000;
const s = (seconds: number) => T0 + seconds * 1000;
const A = '192.0.2.105';
const B = '192.0.2.106';
const mac = (id: string) => `02:00:00:00:30:1${id.slice(1)}`;

const bound = (at: number, address: string, serverId = '192.0.2.2', leaseSec = 120): ClientEvent => ({ at: s(at), type: 'bound', address, serverId, leaseSec });
const renew = (at: number, address: string, serverId = '192.0.2.2'): ClientEvent => ({ at: s(at), type: 'renew', address, serverId, leaseSec: 120 });
const nak = (at: number): ClientEvent => ({ at: s(at), type: 'nak', message: 'address in use' });
const driver = (at: number, action: DriverAction): ClientEvent => ({ at: s(at), type: 'driver', action });
const client = (id: string, ...events: ClientEvent[]): ClientRecord => ({ id, mac: mac(id), events });
const report = (address: string, winner: string, loser: string, at = 50): ReportedConflict => ({ router: 'r1', at: s(at), address, winner, loser });

const run = (over: Partial<CheckInput> & Pick<CheckInput, 'clients'>) => check({ now: s(100), reports: [], ...over });

describe('nemesis checker', () => {
  it('nemesis checker › counts grants, not renews, and passes a clean run', () => {
    const r = run({ clients: [client('c1', driver(0, 'join'), bound(3, A), renew(63, A)), client('c2', driver(1, 'join'), bound(4, B))] });
    expect(r).toEqual(expect.objectContaining({ granted: 2, renewed: 1, lost: 0, duplicates: 0, conflicts: 0, reported: 0 }));
    expect(passed(r)).toBe(true);
  });

  it('nemesis checker › a NAK while the lease is unexpired is a loss; after it expired it is not', () => {
    const lost = run({ clients: [client('c1', driver(0, 'join'), bound(3, A), nak(60), bound(65, B))] });
    expect(lost.lost).toBe(1);
    expect(lost.losses).toEqual([{ client: 'c1', address: A, at: s(60), how: 'nak', expiresAt: s(123) }]);
    expect(passed(lost)).toBe(false);
    const expired = run({ now: s(200), clients: [client('c1', driver(0, 'join'), bound(3, A), driver(10, 'offline'), driver(130, 'return'), nak(131), bound(135, B))] });
    expect(expired.lost).toBe(0);
  });

  it('nemesis checker › a client back from offline and given another address while its lease ran is a loss', () => {
    const r = run({ clients: [client('c3', driver(0, 'join'), bound(3, A), driver(10, 'offline'), driver(40, 'return'), bound(44, B))] });
    expect(r.losses).toEqual([{ client: 'c3', address: A, at: s(44), how: 're-addressed', expiresAt: s(123) }]);
  });

  it('nemesis checker › a client that released and joined again is not a loss, whatever address it gets', () => {
    const r = run({ clients: [client('c1', driver(0, 'join'), bound(3, A), driver(20, 'release'), driver(30, 'join'), bound(33, B)), client('c2', driver(25, 'join'), bound(27, A))] });
    expect(r).toEqual(expect.objectContaining({ granted: 3, lost: 0, conflicts: 0 }));
  });

  it('nemesis checker › two clients holding one address at once is a conflict; the unreported loser NAKed is a loss', () => {
    const clients = [client('c1', driver(0, 'join'), bound(3, A, '192.0.2.2')), client('c2', driver(5, 'join'), bound(8, A, '192.0.2.3'), nak(60), bound(64, B))];
    const r = run({ clients });
    expect(r).toEqual(expect.objectContaining({ conflicts: 1, reported: 0, lost: 1 }));
    expect(r.conflictList).toEqual([{ address: A, clients: ['c1', 'c2'], since: s(8), reported: false }]);
    expect(passed(r)).toBe(false);
  });

  it('nemesis checker › the NAK of a reported conflict loser is not a loss; the report counts', () => {
    const clients = [client('c1', driver(0, 'join'), bound(3, A, '192.0.2.2')), client('c2', driver(5, 'join'), bound(8, A, '192.0.2.3'), nak(60), bound(64, B))];
    const r = run({ clients, reports: [report(A, 'c1', 'c2')] });
    expect(r).toEqual(expect.objectContaining({ conflicts: 1, reported: 1, lost: 0, duplicates: 0 }));
    expect(passed(r)).toBe(true);
  });

  it('nemesis checker › a report excuses its loser only: the winner NAKed is still a loss', () => {
    const clients = [client('c1', driver(0, 'join'), bound(3, A), nak(60), bound(64, B)), client('c2', driver(5, 'join'), bound(8, A, '192.0.2.3'))];
    const r = run({ clients, reports: [report(A, 'c1', 'c2')] });
    expect(r.losses.map((l) => l.client)).toEqual(['c1']);
    expect(r.reported).toBe(1);
  });

  it('nemesis checker › holds that touch within the grace do not clash; a report with no clash still counts as a reported conflict', () => {
    // c1's lease ends at 123 s by its own clock; the server may hand A on a moment earlier.
    const clients = [client('c1', driver(0, 'join'), bound(3, A), driver(10, 'offline')), client('c2', driver(100, 'join'), bound(122, A))];
    expect(run({ now: s(200), clients }).conflicts).toBe(0);
    const r = run({ now: s(200), clients, reports: [report(B, 'c5', 'c6')] });
    expect(r).toEqual(expect.objectContaining({ conflicts: 1, reported: 1 }));
  });

  it('nemesis checker › two live clients holding one address at the end are a duplicate; an offline holder is not live', () => {
    const both = [client('c1', driver(0, 'join'), bound(3, A)), client('c2', driver(5, 'join'), bound(8, A, '192.0.2.3'))];
    const r = run({ clients: both });
    expect(r.duplicates).toBe(1);
    expect(r.duplicateAddresses).toEqual([{ address: A, clients: ['c1', 'c2'] }]);
    const offline = [client('c1', driver(0, 'join'), bound(3, A), driver(9, 'offline')), client('c2', driver(5, 'join'), bound(8, A, '192.0.2.3'))];
    expect(run({ clients: offline }).duplicates).toBe(0);
  });

  it("nemesis checker › at the end, a live client's unexpired lease missing from the serving master's file is a loss", () => {
    const clients = [client('c1', driver(0, 'join'), bound(3, A), renew(90, A)), client('c2', driver(0, 'join'), bound(3, B))];
    const full = run({ clients, master: { router: 'r1', leases: [{ mac: mac('c1').toUpperCase(), address: A }, { mac: mac('c2'), address: B }] } });
    expect(full.lost).toBe(0);
    const missing = run({ clients, master: { router: 'r1', leases: [{ mac: mac('c1'), address: A }, { mac: mac('c7'), address: B }] } });
    expect(missing.losses).toEqual([{ client: 'c2', address: B, at: s(100), how: 'unknown to the serving master', expiresAt: s(123) }]);
  });

  it("nemesis checker › after a heal, every unexpired lease (offline clients' too) must be in the serving master's file, but a reported loser's", () => {
    const clients = [
      client('c1', driver(0, 'join'), bound(3, A)),
      client('c2', driver(0, 'join'), bound(3, B), driver(10, 'offline')),
      client('c3', driver(0, 'join'), bound(3, '192.0.2.107'), driver(10, 'release')),
      client('c4', driver(0, 'join'), bound(3, '192.0.2.108')),
    ];
    const r = run({ clients });
    expect(r.holdings.map((h) => [h.client, h.live])).toEqual([['c1', true], ['c2', false], ['c4', true]]);
    const missing = notInFile(r.holdings, [{ mac: mac('c1'), address: A }], [report('192.0.2.108', 'c9', 'c4')]);
    expect(missing.map((h) => `${h.client} ${h.address}`)).toEqual([`c2 ${B}`]);
  });

  it('nemesis checker › the last line has exactly the agreed form', () => {
    expect(summaryLine(5, { granted: 31, lost: 2, duplicates: 1, conflicts: 3, reported: 0 })).toBe('nemesis: 5 cycles, 31 leases granted, 2 lost, 1 duplicate addresses, 3 conflicts (0 reported)');
  });
});
