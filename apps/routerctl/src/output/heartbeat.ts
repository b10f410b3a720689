// Invariant 1 as routerctl shows it: a heartbeating status (role, promotion) older than
// MISSED_HEARTBEATS of its heartbeats is stale. routerctl has only the status's own wall-clock
// observedAt and its own wall clock to apply @routerd/bus's rule to.
import { isFresh } from '@routerd/bus';
import { formatSpan } from './age.js';

export interface Heartbeating {
  observedAt: string;
  heartbeatMs: number;
}

/** True when the status missed more heartbeats than the consumers allow (an unparsable time counts as stale). */
export function isStale(status: Heartbeating, now: number): boolean {
  const observedAt = Date.parse(status.observedAt);
  return Number.isNaN(observedAt) || !isFresh(observedAt, status.heartbeatMs, now);
}

/** The HEARTBEAT cell of a wide table: "1s fresh", or "1s STALE". */
export function heartbeatCell(status: Heartbeating, now: number): string {
  return `${formatSpan(status.heartbeatMs)} ${isStale(status, now) ? 'STALE' : 'fresh'}`;
}
