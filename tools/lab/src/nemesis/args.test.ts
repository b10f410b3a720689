import { describe, expect, it } from 'vitest';
import { UsageError } from '@routerd/model';
import { parseArgs } from '../args.js';
import { parseNemesisArgs } from './args.js';

const usageError = (argv: string[]) => {
  try {
    parseArgs(['nemesis', ...argv]);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
};

describe('nemesis args', () => {
  it('nemesis args › reads the seed, the cycles and one control', () => {
    expect(parseArgs(['nemesis', '--seed', '1', '--cycles', '5'])).toEqual({ type: 'nemesis', seed: 1, cycles: 5, delivery: undefined, sync: true, kea: false });
    expect(parseNemesisArgs(['--cycles=3', '--seed=0', '--delivery', 'replace'])).toEqual({ type: 'nemesis', seed: 0, cycles: 3, delivery: 'replace', sync: true, kea: false });
    expect(parseNemesisArgs(['--seed', '7', '--cycles', '50', '--no-sync'])).toEqual({ type: 'nemesis', seed: 7, cycles: 50, delivery: undefined, sync: false, kea: false });
    expect(parseNemesisArgs(['--seed', '1', '--cycles', '5', '--kea'])).toMatchObject({ sync: true, kea: true });
    expect(() => parseNemesisArgs(['--seed', '1', '--cycles', '5', '--kea', '--no-sync'])).toThrow(/expected --kea alone/);
    expect(parseNemesisArgs(['--seed', '4294967295', '--cycles', '1', '--delivery=merge']).delivery).toBe('merge');
  });

  it('nemesis args › rejects cycles below 1 and a seed that is not a whole number, quoting them', () => {
    expect(usageError(['--seed', '1', '--cycles', '0'])).toMatch(/^lab nemesis: expected --cycles to be a whole number from 1 to 1000, found "0"; usage: /);
    expect(usageError(['--seed', 'x', '--cycles', '3'])).toMatch(/^lab nemesis: expected --seed to be a whole number from 0 to 4294967295, found "x"; /);
    expect(usageError(['--seed', '-1', '--cycles', '3'])).toContain('found "-1"');
    expect(usageError(['--seed', '1.5', '--cycles', '3'])).toContain('found "1.5"');
    expect(usageError(['--seed', '4294967296', '--cycles', '3'])).toContain('found "4294967296"');
  });

  it('nemesis args › rejects both controls at once', () => {
    expect(usageError(['--seed', '1', '--cycles', '3', '--delivery', 'replace', '--no-sync'])).toMatch(/^lab nemesis: expected --delivery or --no-sync, found both/);
  });

  it('nemesis args › names an unknown option, a bad delivery, a missing value, a repeat, a stray word and a missing seed', () => {
    expect(usageError(['--seed', '1', '--cycles', '3', '--chaos'])).toMatch(/^lab nemesis: unknown option --chaos; usage: /);
    expect(usageError(['--seed', '1', '--cycles', '3', '--verbose=2'])).toMatch(/^lab nemesis: unknown option --verbose;/);
    expect(usageError(['--seed', '1', '--cycles', '3', '--delivery', 'push'])).toContain('expected --delivery to be merge or replace, found "push"');
    expect(usageError(['--seed', '1', '--cycles'])).toContain('expected a value after --cycles, found none');
    expect(usageError(['--seed', '--cycles', '3'])).toContain('expected a value after --seed, found "--cycles"');
    expect(usageError(['--seed', '1', '--seed', '2', '--cycles', '3'])).toContain('expected --seed once, found it twice');
    expect(usageError(['--seed', '1', '--cycles', '3', 'now'])).toContain('expected options only, found the word "now"');
    expect(usageError(['--cycles', '3'])).toContain('expected --seed N, found none');
    expect(usageError(['--seed', '1', '--no-sync=yes', '--cycles', '3'])).toContain('expected --no-sync without a value');
  });
});
