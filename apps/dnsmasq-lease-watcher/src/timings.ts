// How quickly the watcher reacts, how often it double-checks and re-announces; validated once.
import { LeaseWatcherOptionError } from './errors.js';

export interface WatchTimings {
  /** Quiet time after the last file-system event before the file is read. */
  debounceMs: number;
  /** Longest a steady stream of events delays a read. */
  maxWaitMs: number;
  /** Safety net: stat every file (and retry missing watches) this often. */
  checkIntervalMs: number;
  /** Re-publish the current state of every source this often. */
  announceIntervalMs: number;
}

export const DEFAULT_TIMINGS: Readonly<WatchTimings> = Object.freeze({
  debounceMs: 3,
  maxWaitMs: 200,
  checkIntervalMs: 10_000,
  announceIntervalMs: 30_000,
});

const KEYS = Object.keys(DEFAULT_TIMINGS) as (keyof WatchTimings)[];

/** Fills in defaults and checks every value; throws LeaseWatcherOptionError naming the option and what was found. */
export function resolveTimings(given: Partial<Record<keyof WatchTimings, unknown>> = {}): WatchTimings {
  const unknownKey = Object.keys(given).find((key) => !(KEYS as string[]).includes(key));
  if (unknownKey !== undefined) {
    throw new LeaseWatcherOptionError(`Expected a timing option among ${KEYS.join(', ')}, got \`${unknownKey}\``);
  }
  const timings = { ...DEFAULT_TIMINGS };
  for (const key of KEYS) {
    const value = given[key];
    if (value === undefined) continue;
    const min = key === 'debounceMs' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      const shown = typeof value === 'number' ? String(value) : JSON.stringify(value) ?? typeof value;
      throw new LeaseWatcherOptionError(`Expected the \`${key}\` option to be an integer of at least ${min} (milliseconds), got \`${shown}\``);
    }
    timings[key] = value;
  }
  if (timings.maxWaitMs < timings.debounceMs) {
    throw new LeaseWatcherOptionError(
      `Expected the \`maxWaitMs\` option to be at least \`debounceMs\` (${timings.debounceMs}), got \`${timings.maxWaitMs}\``,
    );
  }
  return timings;
}
