import { describe, expect, it } from 'vitest';

import { notYet, WaitAbort, waitFor, WaitTimeoutError, waitUntil } from './wait.js';

/** A clock that only moves when the wait sleeps. */
function manualClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('waitFor', () => {
  it('waitFor › returns the first value, after undefined and notYet answers', async () => {
    let calls = 0;
    const value = await waitFor('the third call', () => (++calls === 3 ? calls : calls === 1 ? undefined : notYet(`call ${calls}`)), { intervalMs: 1 });
    expect(value).toBe(3);
  });

  it('waitFor › times out naming what it waited for and what it saw last', async () => {
    await expect(waitFor('the VIP on r2', async () => notYet('VIP on r1'), { timeoutMs: 500, ...manualClock() })).rejects.toThrow(
      'timed out after 500 ms waiting for the VIP on r2; last seen: VIP on r1',
    );
    await expect(waitFor('standby 0 identical', () => undefined, { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(/^timed out after 30 ms waiting for standby 0 identical$/);
    await expect(waitFor('x', () => undefined, { timeoutMs: 10, intervalMs: 5 })).rejects.toBeInstanceOf(WaitTimeoutError);
  });

  it('waitFor › a probe that throws is tried again, and its last error is in the timeout message', async () => {
    let calls = 0;
    await expect(
      waitFor('a status', () => {
        calls += 1;
        throw new Error('no responders');
      }, { timeoutMs: 300, ...manualClock() }),
    ).rejects.toThrow(/waiting for a status; last probe failed: no responders$/);
    expect(calls).toBeGreaterThan(1);
  });

  it('waitFor › WaitAbort ends the wait at once', async () => {
    const started = Date.now();
    await expect(waitFor('a dead process', () => Promise.reject(new WaitAbort('exited early')), { timeoutMs: 5000 })).rejects.toThrow(new WaitAbort('exited early'));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waitFor › the label may be computed at the timeout', async () => {
    let tail = 'nothing';
    const waiting = waitFor(() => `a log line (tail: ${tail})`, () => undefined, { timeoutMs: 20, intervalMs: 5 });
    tail = 'started';
    await expect(waiting).rejects.toThrow('timed out after 20 ms waiting for a log line (tail: started)');
  });

  it('waitFor › rejects a non-positive timeout', async () => {
    await expect(waitFor('x', () => 1, { timeoutMs: 0 })).rejects.toThrow('waitFor(x): expected a positive timeoutMs, found 0');
  });

  it('waitUntil › resolves once the condition holds, and a timeout names the condition', async () => {
    let n = 0;
    await expect(waitUntil(() => (n += 1) >= 3, { intervalMs: 1 })).resolves.toBe(true);
    expect(n).toBe(3);
    await expect(waitUntil(() => n < 0, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow('waiting for () => n < 0 to hold');
    await expect(waitUntil(() => false, { what: 'the standby', timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(/timed out after 20 ms waiting for the standby$/);
  });
});
