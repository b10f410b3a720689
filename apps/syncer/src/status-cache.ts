// The syncer's view of the status fields `when` gates read, fed by the agents' heartbeating events
// (vip-watcher roles, dhcp-promoter server phases). Invariant 1: a status that stopped being
// refreshed reads as "unknown" (the one rule in @routerd/bus), so a dead publisher stops the pushing.
// Staleness is judged on the monotonic clock: a wall-clock step neither revives nor kills a status.
import type { Clock } from '@routerd/agent';
import { isFresh, staleAt, type PromotionStatus, type VipRoleEvent } from '@routerd/bus';
import type { FieldObservation, StatusKey, StatusLookup } from '@routerd/model';

/** The cache reads both clocks at receipt: wall time for what `when` reports, monotonic time for staleness. */
export type StatusClock = Pick<Clock, 'wall' | 'monotonic'>;

type Value = string | number | null;

interface Entry {
  fields: Record<string, Value>;
  /** When each field's value last changed: the publisher's transition time, or when we first saw it. */
  changedAt: Record<string, number>;
  /** Wall-clock receipt time: the `observedAt` the lookup reports. */
  receivedAt: number;
  /** Monotonic receipt time: what staleness is judged on. */
  receivedMonotonic: number;
  heartbeatMs: number;
}

export interface StatusUpdate {
  kind: string;
  name: string;
  fields: Record<string, Value>;
  heartbeatMs: number;
  /** Transition times the publisher keeps itself (e.g. lastRoleTransitionAt for `role`). */
  changedAt?: Record<string, number>;
}

export class StatusCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: StatusClock) {}

  /** Records a status; true when any field's value changed. */
  update({ kind, name, fields, heartbeatMs, changedAt = {} }: StatusUpdate): boolean {
    const key = `${kind}/${name}`;
    const previous = this.entries.get(key);
    const receivedAt = this.clock.wall();
    const since: Record<string, number> = {};
    let changed = previous === undefined;
    for (const [field, value] of Object.entries(fields)) {
      const same = previous !== undefined && previous.fields[field] === value;
      if (!same) changed = true;
      since[field] = changedAt[field] ?? (same ? (previous.changedAt[field] ?? receivedAt) : receivedAt);
    }
    this.entries.set(key, { fields, changedAt: since, receivedAt, receivedMonotonic: this.clock.monotonic(), heartbeatMs });
    return changed;
  }

  /** A vip-watcher role event, as the VirtualAddress status fields `when` keys read. */
  updateVip(event: VipRoleEvent): boolean {
    return this.update({
      kind: 'VirtualAddress',
      name: event.name,
      heartbeatMs: event.heartbeatMs,
      fields: {
        role: event.role,
        phase: event.role === 'unknown' ? 'Unknown' : 'Ready',
        address: event.address,
        ifname: event.ifname,
        hostname: event.node,
        virtualRouterID: event.virtualRouterID ?? null,
        priority: event.priority ?? null,
      },
      changedAt: { role: Date.parse(event.lastRoleTransitionAt) },
    });
  }

  /** A dhcp-promoter status, as the `phase` of each DHCP server it covers. */
  updatePromotion(status: PromotionStatus): boolean {
    let changed = false;
    for (const server of status.servers) {
      const update = {
        kind: server.kind,
        name: server.name,
        heartbeatMs: status.heartbeatMs,
        fields: { phase: status.phase },
        changedAt: { phase: Date.parse(status.lastTransitionAt) },
      };
      if (this.update(update)) changed = true;
    }
    return changed;
  }

  /** When the status of kind/name turns stale on the monotonic clock, or undefined when none is known. */
  staleAt(kind: string, name: string): number | undefined {
    const entry = this.entries.get(`${kind}/${name}`);
    return entry && staleAt(entry.receivedMonotonic, entry.heartbeatMs);
  }

  /** The lookup `evaluateWhen` reads. */
  readonly lookup: StatusLookup = (key: StatusKey): FieldObservation | undefined => {
    const entry = this.entries.get(`${key.kind}/${key.name}`);
    if (!entry) return undefined;
    const stale = !isFresh(entry.receivedMonotonic, entry.heartbeatMs, this.clock.monotonic());
    // A stale status is unknown as a whole; the evaluator's own freshFor is only a backstop.
    return {
      value: stale ? 'unknown' : (entry.fields[key.field] ?? null),
      observedAt: entry.receivedAt,
      changedAt: entry.changedAt[key.field] ?? entry.receivedAt,
    };
  };
}
