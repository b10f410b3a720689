import { describe, expect, it } from 'vitest';
import { LeaseWatcherOptionError } from './errors.js';
import { DEFAULT_TIMINGS, resolveTimings } from './timings.js';

describe('lease-watcher › timings', () => {
  it('lease-watcher › defaults: 3 ms debounce, 200 ms max wait, 10 s check, 30 s announce', () => {
    expect(resolveTimings()).toEqual({ debounceMs: 3, maxWaitMs: 200, checkIntervalMs: 10_000, announceIntervalMs: 30_000 });
    expect(resolveTimings({ debounceMs: 0 })).toEqual({ ...DEFAULT_TIMINGS, debounceMs: 0 });
  });

  it('lease-watcher › rejects a negative, fractional or non-number value, naming the option', () => {
    expect(() => resolveTimings({ debounceMs: -1 })).toThrow(
      new LeaseWatcherOptionError('Expected the `debounceMs` option to be an integer of at least 0 (milliseconds), got `-1`'),
    );
    expect(() => resolveTimings({ checkIntervalMs: 0 })).toThrow('Expected the `checkIntervalMs` option to be an integer of at least 1 (milliseconds), got `0`');
    expect(() => resolveTimings({ announceIntervalMs: 1.5 })).toThrow('`announceIntervalMs` option to be an integer of at least 1 (milliseconds), got `1.5`');
    expect(() => resolveTimings({ maxWaitMs: '200' })).toThrow('`maxWaitMs` option to be an integer of at least 1 (milliseconds), got `"200"`');
  });

  it('lease-watcher › rejects a max wait shorter than the debounce and an unknown option', () => {
    expect(() => resolveTimings({ debounceMs: 50, maxWaitMs: 20 })).toThrow('Expected the `maxWaitMs` option to be at least `debounceMs` (50), got `20`');
    expect(() => resolveTimings({ debounce: 5 } as never)).toThrow(
      'Expected a timing option among debounceMs, maxWaitMs, checkIntervalMs, announceIntervalMs, got `debounce`',
    );
  });
});
