// Message counters an agent exposes in its service stats (`nats micro stats`), one per subscription or shared.

export interface BusCounterSnapshot {
  received: number;
  bad: number;
  handlerErrors: number;
  lastBad?: { subject: string; error: string; at: string };
}

export interface BusCounters {
  received: number;
  bad: number;
  handlerErrors: number;
  lastBad: { subject: string; error: string; at: string } | undefined;
  /** Counts one bad message and remembers the last one. */
  countBad(subject: string, error: Error, now?: Date): void;
  snapshot(): BusCounterSnapshot;
}

export function createBusCounters(): BusCounters {
  return {
    received: 0,
    bad: 0,
    handlerErrors: 0,
    lastBad: undefined,
    countBad(subject, error, now = new Date()) {
      this.bad += 1;
      this.lastBad = { subject, error: error.message, at: now.toISOString() };
    },
    snapshot() {
      const base = { received: this.received, bad: this.bad, handlerErrors: this.handlerErrors };
      return this.lastBad === undefined ? base : { ...base, lastBad: { ...this.lastBad } };
    },
  };
}
