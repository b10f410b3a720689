import { describe, expect, it } from 'vitest';
import { waitFor } from './wait.js';

describe('waitFor', () => {
  it('waitFor › returns the value once the probe is done', async () => {
    let calls = 0;
    const value = await waitFor('three calls', async () => (++calls >= 3 ? { done: true, value: calls } : { done: false, seen: `call ${calls}` }), {
      timeoutMs: 1_000,
      sleep: async () => undefined,
    });
    expect(value).toBe(3);
  });

  it('waitFor › times out naming what it waited for and what it saw last', async () => {
    let t = 0;
    await expect(
      waitFor('the VIP on r2', async () => ({ done: false, seen: 'VIP on r1' }), {
        timeoutMs: 500,
        now: () => t,
        sleep: async (ms) => {
          t += ms;
        },
      }),
    ).rejects.toThrow('timed out after 500 ms waiting for the VIP on r2; last seen: VIP on r1');
  });

  it('waitFor › rejects a non-positive timeout', async () => {
    await expect(waitFor('x', async () => ({ done: true, value: 1 }), { timeoutMs: 0 })).rejects.toThrow('waitFor(x): expected a positive timeoutMs, found 0');
  });
});
