import { describe, expect, it } from 'vitest';
import { parsePeersArgs } from './args.js';

describe('lab peers args', () => {
  it('lab peers args › defaults to 10 cycles of all four runs, --quick to 3', () => {
    expect(parsePeersArgs([])).toEqual({ type: 'peers', cycles: 10, runs: ['ours', 'ours-nosync', 'kea', 'kea-solo'], quick: false, json: false });
    expect(parsePeersArgs(['--quick'])).toMatchObject({ cycles: 3, quick: true });
    expect(parsePeersArgs(['--quick', '--cycles', '1', '--only', 'kea', '--json'])).toEqual({ type: 'peers', cycles: 1, runs: ['kea'], quick: true, json: true });
  });

  it('lab peers args › names a bad value, an unknown option and a stray word', () => {
    expect(() => parsePeersArgs(['--cycles', '0'])).toThrow(/expected --cycles to be a whole number from 1 to 100, found "0"/);
    expect(() => parsePeersArgs(['--cycles'])).toThrow(/expected a value after --cycles, found none/);
    expect(() => parsePeersArgs(['--only', 'isc'])).toThrow(/expected --only to be one of ours, ours-nosync, kea, kea-solo, found "isc"/);
    expect(() => parsePeersArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parsePeersArgs(['kea'])).toThrow(/expected options only, found the word "kea"/);
  });
});
