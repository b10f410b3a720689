import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp, scenario } from './lab-cli.js';

describe('lab scenario 1', () => {
  beforeAll(() => labUp(true));
  afterAll(() => labDown());

  it('lab › a lease on the master is on the standby, byte for byte, within 5 s', async () => {
    const result = await scenario('1');
    expect(result.failures, result.narration).toEqual([]);
    expect(result.timings['leaseToStandbyMs']).toBeLessThanOrEqual(5_000);
    expect(result.facts['serverId']).toBe('192.0.2.2');
  });
});
