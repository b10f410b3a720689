import { describe, expect, it } from 'vitest';
import { BenchParseError } from './errors.js';
import { parseSmapsRollup } from './smaps-rollup.js';

const SAMPLE = `55d4c8a00000-7ffd1d9ff000 ---p 00000000 00:00 0                          [rollup]
Rss:               61234 kB
Pss:               40321 kB
Pss_Dirty:         30000 kB
Pss_Anon:          29876 kB
Pss_File:          10445 kB
Pss_Shmem:             0 kB
Shared_Clean:      20000 kB
`;

describe('smaps_rollup', () => {
  it('smaps_rollup › reads Rss, Pss, Pss_Anon and Pss_File in kB', () => {
    expect(parseSmapsRollup(SAMPLE)).toEqual({ rssKb: 61234, pssKb: 40321, pssAnonKb: 29876, pssFileKb: 10445 });
  });

  it('smaps_rollup › names the missing field and the fields it found', () => {
    const text = SAMPLE.replace(/^Pss:.*\n/m, '');
    expect(() => parseSmapsRollup(text)).toThrow(BenchParseError);
    expect(() => parseSmapsRollup(text)).toThrow(/"Pss: <n> kB".*Rss, Pss_Dirty/);
  });

  it('smaps_rollup › rejects a text without any field', () => {
    expect(() => parseSmapsRollup('')).toThrow(/no "<field>: <n> kB" lines/);
  });
});
