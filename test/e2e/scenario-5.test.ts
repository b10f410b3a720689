import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp, scenario } from './lab-cli.js';

describe('lab scenario 5', () => {
  beforeAll(() => labUp(true));
  afterAll(() => labDown());

  it('lab › a stateful DHCPv6 lease is synced and kept across failover, with the same server DUID', async () => {
    const result = await scenario('5');
    expect(result.failures, result.narration).toEqual([]);
  });
});
