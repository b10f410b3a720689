import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp, scenario } from './lab-cli.js';

describe('lab scenario 7', () => {
  beforeAll(() => labUp(true));
  afterAll(() => labDown());

  it("lab › metrics scraped during the scenario: a lease's push is a lag sample, the failure counter moves while the standby's sshd is unreachable, a push succeeds after", async () => {
    const result = await scenario('7');
    expect(result.failures, result.narration).toEqual([]);
    expect(result.facts['lagBuckets'], result.narration).toEqual(expect.arrayContaining([expect.stringMatching(/^lan-v4-leases le=\+Inf [1-9]\d*$/)]));
    expect(result.facts['failures'], result.narration).toEqual(expect.arrayContaining([expect.stringMatching(/^lan-v4-leases (PeerNotAnswering|CommandFailed) [1-9]\d*$/)]));
  });
});
