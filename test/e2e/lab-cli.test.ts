import { describe, expect, it } from 'vitest';
import { lab } from './lab-cli.js';

describe('lab cli', () => {
  it('lab cli › rejects an unknown scenario with a usage error', async () => {
    const result = await lab(['scenario', '9']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('lab scenario: expected a scenario number 1 to 5, found "9"');
  });
});
