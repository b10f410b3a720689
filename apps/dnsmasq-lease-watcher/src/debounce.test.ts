import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncer } from './debounce.js';

describe('lease-watcher › debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = () => {
    const fired: number[] = [];
    const debouncer = createDebouncer({ debounceMs: 25, maxWaitMs: 200, now: () => Date.now(), fire: (at) => fired.push(at) });
    return { debouncer, fired };
  };

  it('lease-watcher › fires once, 25 ms after the last event, with the time of the first', () => {
    const { debouncer, fired } = make();
    debouncer.trigger();
    vi.advanceTimersByTime(10);
    debouncer.trigger();
    vi.advanceTimersByTime(24);
    expect(fired).toEqual([]);
    expect(debouncer.pending).toBe(true);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([1_000_000]);
    expect(debouncer.pending).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveLength(1);
  });

  it('lease-watcher › a steady stream of events still fires every max wait', () => {
    const { debouncer, fired } = make();
    for (let t = 0; t < 500; t += 10) {
      debouncer.trigger();
      vi.advanceTimersByTime(10);
    }
    expect(fired).toEqual([1_000_000, 1_000_200]);
    vi.advanceTimersByTime(25);
    expect(fired).toEqual([1_000_000, 1_000_200, 1_000_400]);
  });

  it('lease-watcher › cancel drops a pending burst', () => {
    const { debouncer, fired } = make();
    debouncer.trigger();
    debouncer.cancel();
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([]);
    expect(debouncer.pending).toBe(false);
  });
});
