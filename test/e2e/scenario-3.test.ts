import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { labDown, labUp, scenario } from './lab-cli.js';

describe('lab scenario 3', () => {
  afterEach(() => labDown());
  afterAll(() => labDown());

  it('lab › with the sync, the offline client keeps its address and the new client gets another', async () => {
    await labUp(true);
    const result = await scenario('3');
    expect(result.failures, result.narration).toEqual([]);
    expect(result.facts['conflict']).toBe(false);
  });

  it('lab › without the sync (negative control), the new client is handed the offline client\'s address', async () => {
    await labUp(false);
    const result = await scenario('3');
    expect(result.failures, result.narration).toEqual([]);
    expect(result.facts['conflict']).toBe(true);
  });
});
