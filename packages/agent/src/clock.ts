// Time as a dependency. Durations, staleness and timers read the monotonic clock, which no NTP or
// operator step moves; the wall clock is only for timestamps that people read and that cross the bus.
import { performance } from 'node:perf_hooks';

export interface Clock {
  /** Monotonic milliseconds (arbitrary origin): measure durations and deadlines with this. */
  monotonic(): number;
  /** Milliseconds since the epoch: only for timestamps that are shown or published. */
  wall(): number;
  /** Calls `fn` once after `ms`; the returned function cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  monotonic: () => performance.now(),
  wall: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * CLOCK_MONOTONIC in ms (µs precision): one clock for every process on the host, unlike
 * performance.now(), whose origin is each process's start. The debug-level push profiles of the
 * lease-watcher and the syncer are stamped with it, so the bench can subtract one's stamps from the
 * other's; wall-clock stamps (performance.timeOrigin plus now) drifted apart by up to 9 ms between
 * processes started seconds apart on the bench's VM.
 */
export const hostMonotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
