// The syncer's view of VirtualAddress status, fed by vip-watcher events. Invariant 1: a role that
// stopped being refreshed by heartbeats reads as "unknown", so a dead vip-watcher stops pushing.
import type { FieldObservation, StatusKey, StatusLookup } from '@routerd/model';
import type { VipRoleEvent } from '@routerd/bus';

/** Heartbeats that may be missed before a role is stale. */
export const MISSED_HEARTBEATS = 3;

interface Entry {
  event: VipRoleEvent;
  receivedAt: number;
}

export class RoleCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /** Records an event; true when the role or any field a gate may read changed. */
  update(event: VipRoleEvent): boolean {
    const previous = this.entries.get(event.name);
    this.entries.set(event.name, { event, receivedAt: this.now() });
    return previous === undefined || previous.event.role !== event.role || previous.event.address !== event.address;
  }

  get(name: string): (VipRoleEvent & { stale: boolean }) | undefined {
    const entry = this.entries.get(name);
    return entry && { ...entry.event, stale: this.isStale(entry) };
  }

  /** When the freshest role of `name` turns stale, or undefined when none is known. */
  staleAt(name: string): number | undefined {
    const entry = this.entries.get(name);
    return entry && entry.receivedAt + MISSED_HEARTBEATS * entry.event.heartbeatMs;
  }

  /** The lookup `evaluateWhen` reads. Only VirtualAddress status is published on the bus. */
  readonly lookup: StatusLookup = (key: StatusKey): FieldObservation | undefined => {
    if (key.kind !== 'VirtualAddress') return undefined;
    const entry = this.entries.get(key.name);
    if (!entry) return undefined;
    const { event, receivedAt } = entry;
    const changedAt = key.field === 'role' ? Date.parse(event.lastRoleTransitionAt) : receivedAt;
    // A stale status is unknown as a whole; the evaluator's own freshFor is only a backstop.
    return { value: this.isStale(entry) ? 'unknown' : fieldOf(event, key.field), observedAt: receivedAt, changedAt };
  };

  private isStale(entry: Entry): boolean {
    return this.now() - entry.receivedAt > MISSED_HEARTBEATS * entry.event.heartbeatMs;
  }
}

function fieldOf(event: VipRoleEvent, field: string): string | number | null {
  switch (field) {
    case 'role':
      return event.role;
    case 'address':
      return event.address;
    case 'ifname':
      return event.ifname;
    case 'virtualRouterID':
      return event.virtualRouterID ?? null;
    case 'priority':
      return event.priority ?? null;
    case 'hostname':
      return event.node;
    case 'phase':
      return event.role === 'unknown' ? 'Unknown' : 'Ready';
    default:
      return null;
  }
}
