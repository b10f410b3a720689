import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp, scenario } from './lab-cli.js';

describe('lab scenario 4', () => {
  beforeAll(() => labUp(true));
  afterAll(() => labDown());

  it('lab › the backup never pushes; after failover the new master pushes to the old one', async () => {
    const result = await scenario('4');
    expect(result.failures, result.narration).toEqual([]);
    expect(result.facts['backupLogins']).toBe(0);
    expect(result.timings['pushBackMs']).toBeLessThan(60_000);
  });
});
