import { describe, expect, it } from 'vitest';
import { until, WaitTimeoutError } from './wait.js';

describe('system harness › until', () => {
  it('system harness › returns the first defined value', async () => {
    let calls = 0;
    await expect(until('the third call', () => (++calls === 3 ? 'done' : undefined), 1000, 1)).resolves.toBe('done');
  });

  it('system harness › a timeout names what was awaited and the last probe error', async () => {
    await expect(until('standby 0 identical', () => undefined, 30, 5)).rejects.toThrow('timed out after 30 ms waiting for standby 0 identical');
    await expect(
      until('a status', () => {
        throw new Error('no responders');
      }, 30, 5),
    ).rejects.toThrow(/waiting for a status \(last probe failed: no responders\)$/);
    await expect(until('x', () => undefined, 10, 5)).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(until('x', () => undefined, 0)).rejects.toThrow('until(x): expected a positive integer timeout in ms, got 0');
  });
});
