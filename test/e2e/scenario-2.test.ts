import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp, scenario } from './lab-cli.js';

describe('lab scenario 2', () => {
  beforeAll(() => labUp(true));
  afterAll(() => labDown());

  it('lab › failover by graceful stop and by cut link: the standby serves from the synced file, the old master stops', async () => {
    const result = await scenario('2');
    expect(result.failures, result.narration).toEqual([]);
    // keepalived: ~0.6 s after a graceful stop, ~3 s after a cut link (3 missed adverts).
    expect(result.timings['graceful.vipMoveMs']).toBeLessThan(5_000);
    expect(result.timings['cut.vipMoveMs']).toBeLessThan(8_000);
    expect(result.timings['graceful.dnsmasqStartedMs']).toBeLessThan(15_000);
    expect(result.timings['cut.dnsmasqStartedMs']).toBeLessThan(15_000);
  });
});
