import { describe, expect, it } from 'vitest';
import { lab } from './lab-cli.js';

describe('lab cli', () => {
  it('lab cli › rejects an unknown scenario with a usage error', async () => {
    const result = await lab(['scenario', '9']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('lab scenario: expected a scenario number 1 to 7, found "9"');
  });

  it('lab cli › a nemesis with an unknown flag, no cycles or both controls is a usage error (exit 2) naming it', async () => {
    const unknown = await lab(['nemesis', '--seed', '1', '--cycles', '3', '--bogus']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('lab nemesis: unknown option --bogus');
    const zero = await lab(['nemesis', '--seed', '1', '--cycles', '0']);
    expect(zero.exitCode).toBe(2);
    expect(zero.stderr).toContain('expected --cycles to be a whole number from 1 to 1000, found "0"');
    const both = await lab(['nemesis', '--seed', '1', '--cycles', '3', '--delivery', 'replace', '--no-sync']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('expected --delivery or --no-sync, found both');
    expect(`${unknown.stdout}${zero.stdout}${both.stdout}`).toBe('');
  });
});
