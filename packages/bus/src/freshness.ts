// Invariant 1, in one place: a status that stopped being refreshed is unknown. Every consumer of a
// heartbeating status (the syncer's gate, the promoter's role, routerctl's view) asks these.
// Times are on one clock: the consumer's monotonic clock where it decides (performance.now), so a
// wall-clock step neither revives a dead publisher nor kills a live one.

/** Heartbeats a consumer may miss before a status counts as unknown. */
export const MISSED_HEARTBEATS = 3;

/** How long a status with this heartbeat stays fresh after it was received. */
export function freshForMs(heartbeatMs: number): number {
  return MISSED_HEARTBEATS * heartbeatMs;
}

/** The moment a status received at `receivedAt` turns stale, on the clock of `receivedAt`. */
export function staleAt(receivedAt: number, heartbeatMs: number): number {
  return receivedAt + freshForMs(heartbeatMs);
}

/** True while no more than MISSED_HEARTBEATS heartbeats have been missed since `receivedAt`. */
export function isFresh(receivedAt: number, heartbeatMs: number, now: number): boolean {
  return now <= staleAt(receivedAt, heartbeatMs);
}
