import { describe, expect, it } from 'vitest';

import { LeaseMergeInputError } from './errors.js';
import { mergeLeaseFiles, type LeaseMergeInput } from './merge-leases.js';

const NOW = 1_800_000_000;
const LATER = NOW + 3600;
const LATEST = NOW + 7200;
const PAST = NOW - 60;

const MAC_A = '02:00:00:00:30:10';
const MAC_B = '02:00:00:00:30:11';
const DUID_A = '00:01:00:01:32:9a:1c:6b:02:00:00:00:30:10';
const DUID_B = '00:01:00:01:32:9a:1c:6c:02:00:00:00:30:11';
const SERVER_1 = '00:01:00:01:32:9a:1c:65:02:00:00:00:30:01';
const SERVER_2 = '00:01:00:01:32:9a:1c:65:02:00:00:00:30:02';

const v4 = (expiry: number, ip: string, mac = MAC_A, clientId = '*'): string => `${expiry} ${mac} ${ip} * ${clientId}`;
const v6 = (expiry: number, iaid: string, ip: string, duid = DUID_A): string => `${expiry} ${iaid} ${ip} * ${duid}`;
const file = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');
const merge = (base: string, live: string, incoming: string): ReturnType<typeof mergeLeaseFiles> =>
  mergeLeaseFiles({ base, live, incoming, now: NOW });

interface Row {
  readonly name: string;
  readonly base: string;
  readonly live: string;
  readonly incoming: string;
  readonly expected: string;
  readonly taken: number;
  readonly kept: number;
}

const L1 = v4(LATER, '192.0.2.10');
const L2 = v4(LATER, '192.0.2.11', MAC_B);

const rows: Row[] = [
  { name: 'v4 lease granted by the peer is taken', base: '', live: '', incoming: file(L1), expected: file(L1), taken: 1, kept: 0 },
  {
    name: 'v6 leases with IAIDs and a temporary address, after the duid line',
    base: '',
    live: '',
    incoming: file(L1, `duid ${SERVER_1}`, v6(LATER, '12304', '2001:db8::1'), v6(LATER, 'T12304', '2001:db8::2')),
    expected: file(L1, `duid ${SERVER_1}`, v6(LATER, '12304', '2001:db8::1'), v6(LATER, 'T12304', '2001:db8::2')),
    taken: 3,
    kept: 0,
  },
  {
    name: 'the temporary flag is part of the v6 key: a local temporary lease is kept beside the peer one',
    base: file(`duid ${SERVER_1}`),
    live: file(`duid ${SERVER_1}`, v6(LATER, 'T7', '2001:db8::7')),
    incoming: file(`duid ${SERVER_1}`, v6(LATER, '7', '2001:db8::7')),
    expected: file(`duid ${SERVER_1}`, v6(LATER, '7', '2001:db8::7'), v6(LATER, 'T7', '2001:db8::7')),
    taken: 1,
    kept: 1,
  },
  {
    name: "the server DUID follows incoming's while live's is unchanged",
    base: file(`duid ${SERVER_1}`),
    live: file(`duid ${SERVER_1}`),
    incoming: file(`duid ${SERVER_2}`),
    expected: file(`duid ${SERVER_2}`),
    taken: 0,
    kept: 0,
  },
  {
    name: 'a server DUID changed on both sides ends as the smaller one',
    base: '',
    live: file(`duid ${SERVER_2}`),
    incoming: file(`duid ${SERVER_1}`),
    expected: file(`duid ${SERVER_1}`),
    taken: 0,
    kept: 0,
  },
  {
    name: 'expiry 0 (infinite) beats a later finite expiry of a local change',
    base: file(v4(NOW + 10, '192.0.2.10')),
    live: file(v4(LATEST, '192.0.2.10')),
    incoming: file(v4(0, '192.0.2.10')),
    expected: file(v4(0, '192.0.2.10')),
    taken: 1,
    kept: 0,
  },
  { name: 'a release on the peer is taken when live is unchanged', base: file(L1, L2), live: file(L1, L2), incoming: file(L2), expected: file(L2), taken: 1, kept: 0 },
  {
    name: 'a local renewal is kept over an older incoming copy',
    base: file(L1),
    live: file(v4(LATEST, '192.0.2.10')),
    incoming: file(L1),
    expected: file(v4(LATEST, '192.0.2.10')),
    taken: 0,
    kept: 1,
  },
  { name: 'a local grant is kept', base: file(L1), live: file(L1, L2), incoming: file(L1), expected: file(L1, L2), taken: 1, kept: 1 },
  {
    name: 'a local release does not drop the unexpired lease incoming still holds',
    base: file(L1),
    live: '',
    incoming: file(L1),
    expected: file(L1),
    taken: 1,
    kept: 0,
  },
  { name: 'identical sides give the same file', base: file(L1), live: file(L1, L2), incoming: file(L1, L2), expected: file(L1, L2), taken: 2, kept: 0 },
  { name: 'empty files give an empty file', base: '', live: '', incoming: '', expected: '', taken: 0, kept: 0 },
  {
    name: 'expired leases are kept, as dnsmasq drops them itself',
    base: '',
    live: file(v4(PAST, '192.0.2.12')),
    incoming: file(v4(PAST, '192.0.2.13')),
    expected: file(v4(PAST, '192.0.2.13'), v4(PAST, '192.0.2.12')),
    taken: 1,
    kept: 1,
  },
];

describe('mergeLeaseFiles', () => {
  it.each(rows)('merge-leases › $name', (row) => {
    const result = merge(row.base, row.live, row.incoming);
    expect(result.text).toBe(row.expected);
    expect({ taken: result.taken, kept: result.kept }).toEqual({ taken: row.taken, kept: row.kept });
    expect(result.conflicts).toEqual([]);
  });

  it('merge-leases › a v4 conflict is reported and the later expiry wins', () => {
    const ours = v4(LATEST, '192.0.2.10', MAC_A);
    const theirs = v4(LATER, '192.0.2.10', MAC_B, '01:02:00:00:00:30:11');
    const result = merge('', file(ours), file(theirs));
    expect(result.text).toBe(file(ours));
    expect(result.conflicts).toEqual([
      {
        address: '192.0.2.10',
        winner: { client: `mac:${MAC_A}`, expiry: LATEST, from: 'live' },
        loser: { client: 'id:01:02:00:00:00:30:11', expiry: LATER, from: 'incoming' },
      },
    ]);
    expect(merge('', file(theirs), file(ours)).text).toBe(file(ours));
  });

  it('merge-leases › a v6 conflict across IAIDs is reported and an equal expiry falls to the smaller DUID', () => {
    const ours = v6(LATER, '1', '2001:db8::9', DUID_B);
    const theirs = v6(LATER, '2', '2001:db8::9', DUID_A);
    const head = `duid ${SERVER_1}`;
    const result = merge(file(head), file(head, ours), file(head, theirs));
    expect(result.text).toBe(file(head, theirs));
    expect(result.conflicts).toEqual([
      { address: '2001:db8::9', winner: { client: DUID_A, expiry: LATER, from: 'incoming' }, loser: { client: DUID_B, expiry: LATER, from: 'live' } },
    ]);
  });

  it('merge-leases › an expired lease of another client loses its address without a report', () => {
    const ours = v4(LATER, '192.0.2.10', MAC_A);
    const result = merge('', file(ours), file(v4(PAST, '192.0.2.10', MAC_B)));
    expect(result.text).toBe(file(ours));
    expect(result.conflicts).toEqual([]);
  });

  it.each(['base', 'live', 'incoming'] as const)('merge-leases › an unparsable %s file is refused, naming it', (which) => {
    const inputs: LeaseMergeInput = { base: '', live: '', incoming: '', now: NOW, [which]: 'garbage\n' };
    expect(() => mergeLeaseFiles(inputs)).toThrow(LeaseMergeInputError);
    expect(() => mergeLeaseFiles(inputs)).toThrow(new RegExp(`the ${which} lease file is not a dnsmasq lease file: line 1: `));
  });

  it('merge-leases › a file holding one address twice is refused with both line numbers', () => {
    const refused = (): unknown => merge('', file(L1, v4(LATEST, '192.0.2.10', MAC_B)), '');
    expect(refused).toThrow('the live lease file is not a dnsmasq lease file: line 2: a second lease for v4 192.0.2.10 (the first is line 1)');
  });
});
