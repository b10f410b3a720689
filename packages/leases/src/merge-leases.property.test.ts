import { describe, expect, it } from 'vitest';

import { isUnexpired, leaseEntriesOf, type LeaseEntry } from './lease-entries.js';
import { mergeLeaseFiles, type LeaseMergeResult } from './merge-leases.js';
import { LeaseFileGenerator, renderLeaseFile } from './testing/random-lease-files.js';

const CASES = 300;
const FIRST_SEED = 10_000;

interface Case {
  readonly seed: number;
  readonly now: number;
  readonly base: string;
  readonly live: string;
  readonly incoming: string;
}

/**
 * A seeded case: live and incoming each unchanged from base or changed by renewals, releases and
 * grants; with `releasing`, both changed, and many leases released.
 */
function caseOf(seed: number, releasing = false): Case {
  const gen = new LeaseFileGenerator(seed);
  const base = gen.chance(0.15) ? { leases: [], serverDuid: undefined } : gen.file();
  const live = releasing ? gen.changed(base, 0.2, 0.5) : gen.maybeChanged(base);
  const incoming = releasing ? gen.changed(base, 0.2, 0.5) : gen.maybeChanged(base);
  return { seed, now: gen.now, base: renderLeaseFile(base), live: renderLeaseFile(live), incoming: renderLeaseFile(incoming) };
}

const seeds = Array.from({ length: CASES }, (_, i) => FIRST_SEED + i);
const cases = seeds.map((seed) => caseOf(seed));
const why = (c: Case): string => `seed ${c.seed}\nbase:\n${c.base}live:\n${c.live}incoming:\n${c.incoming}`;
const merge = (c: Case, live = c.live, incoming = c.incoming): LeaseMergeResult =>
  mergeLeaseFiles({ base: c.base, live, incoming, now: c.now });
const entriesOf = (text: string): ReadonlyMap<string, LeaseEntry> => leaseEntriesOf('live', text).entries;
const expiryRank = (expiry: number): number => (expiry === 0 ? Number.POSITIVE_INFINITY : expiry);

describe('mergeLeaseFiles properties', () => {
  it('merge-leases › merging the result again with the same base and incoming changes nothing', () => {
    for (const c of cases) {
      const once = merge(c).text;
      expect(merge(c, once).text, why(c)).toBe(once);
    }
  });

  it('merge-leases › with live equal to base the result is incoming, byte for byte (P1)', () => {
    for (const c of cases) expect(merge(c, c.base).text, why(c)).toBe(c.incoming);
  });

  it('merge-leases › no lease only the base holds comes back', () => {
    let checked = 0;
    for (const c of seeds.map((seed) => caseOf(seed, true))) {
      const [live, incoming, result] = [entriesOf(c.live), entriesOf(c.incoming), entriesOf(merge(c).text)];
      for (const key of entriesOf(c.base).keys()) {
        if (live.has(key) || incoming.has(key)) continue;
        checked++;
        expect(result.has(key), `${why(c)}\nkey ${key} is back`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(CASES / 10);
  });

  it('merge-leases › every unexpired lease of incoming or changed in live stays, renewed, unless it lost a reported conflict', () => {
    let lost = 0;
    for (const c of cases) {
      const result = merge(c);
      const out = entriesOf(result.text);
      const base = entriesOf(c.base);
      const live = [...entriesOf(c.live).values()].filter((e) => base.get(e.key)?.text !== e.text);
      for (const lease of [...entriesOf(c.incoming).values(), ...live]) {
        if (!isUnexpired(lease, c.now)) continue;
        const kept = out.get(lease.key);
        const stays = kept?.client === lease.client && expiryRank(kept.expiry) >= expiryRank(lease.expiry);
        const lostConflict = result.conflicts.some((x) => x.address === lease.address && x.loser.client === lease.client);
        if (lostConflict) lost++;
        expect(stays || lostConflict, `${why(c)}\nlease dropped: ${lease.text}`).toBe(true);
      }
    }
    expect(lost).toBeGreaterThan(0);
  });

  it('merge-leases › a conflict has the same winner whichever side is live', () => {
    let conflicts = 0;
    for (const seed of seeds) {
      const c = { ...caseOf(seed), base: '' };
      const [here, there] = [merge(c), merge(c, c.incoming, c.live)];
      const outcome = (r: LeaseMergeResult): string[] =>
        r.conflicts.map((x) => `${x.address} ${x.winner.client} ${x.winner.expiry} > ${x.loser.client} ${x.loser.expiry}`).sort();
      expect(outcome(there), why(c)).toEqual(outcome(here));
      expect(there.text.split('\n').sort(), why(c)).toEqual(here.text.split('\n').sort());
      conflicts += here.conflicts.length;
    }
    expect(conflicts).toBeGreaterThan(CASES / 10);
  });
});
