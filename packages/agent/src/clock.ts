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
