import { describe, expect, it } from 'vitest';
import { TimeoutError, within } from './within.js';

describe('within', () => {
  it('within › passes the result through when in time', async () => {
    await expect(within(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
    await expect(within(Promise.reject(new Error('own failure')), 1000, 'x')).rejects.toThrow('own failure');
  });

  it('within › rejects with TimeoutError naming what did not finish', async () => {
    const error = await within(new Promise(() => {}), 20, 'stopping syncer').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).name).toBe('TimeoutError');
    expect((error as Error).message).toBe('stopping syncer did not finish within 20 ms');
  });
});
