import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';

describe('systemClock', () => {
  it('systemClock › monotonic never goes back and wall is the epoch time', () => {
    const a = systemClock.monotonic();
    const b = systemClock.monotonic();
    expect(b).toBeGreaterThanOrEqual(a);
    expect(Math.abs(systemClock.wall() - Date.now())).toBeLessThan(1_000);
  });

  it('systemClock › setTimeout fires once, and its cancel stops it', async () => {
    const fired: string[] = [];
    systemClock.setTimeout(() => fired.push('kept'), 1);
    const cancel = systemClock.setTimeout(() => fired.push('cancelled'), 1);
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toEqual(['kept']);
  });
});
