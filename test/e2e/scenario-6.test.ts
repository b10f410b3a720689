import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp, scenario } from './lab-cli.js';

describe('lab scenario 6', () => {
  beforeAll(() => labUp(true));
  afterAll(() => labDown());

  it('lab › split brain and heal: a lease granted by each side is in the one master, loaded by its dnsmasq, and kept at renew', async () => {
    const result = await scenario('6');
    expect(result.failures, result.narration).toEqual([]);
  });
});
