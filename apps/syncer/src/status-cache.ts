// The syncer's view of the status fields `when` gates read, fed by the agents' heartbeating events
// (vip-watcher roles, dhcp-promoter server phases). Invariant 1: a status that stopped being
// refreshed reads as "unknown" (the one rule in @routerd/bus), so a dead publisher stops the pushing.
// Staleness is judged on the monotonic clock: a wall-clock step neither revives nor kills a status.
import type { Clock } from '@routerd/agent';
import { grantedHeartbeatMs, isFresh, staleAt, type PromotionStatus, type VipRoleEvent } from '@routerd/bus';
import type { FieldObservation, StatusKey, StatusLookup } from '@routerd/model';

/** The cache's clock: every time it keeps and reports is monotonic, as is the `now` given to `evaluateWhen`. */
export type StatusClock = Pick<Clock, 'monotonic'>;

type Value = string | number | null;

interface Entry {
  fields: Record<string, Value>;
  /** When each field's value last changed, on our monotonic clock. */
  changedAt: Record<string, number>;
  /** Monotonic receipt time: what staleness is judged on and the `observedAt` the lookup reports. */
  receivedAt: number;
  heartbeatMs: number;
}

export interface StatusUpdate {
  kind: string;
  name: string;
  fields: Record<string, Value>;
  heartbeatMs: number;
  /**
   * How long before its own observation the publisher saw each field change, by the publisher's own
   * clock (e.g. observedAt − lastRoleTransitionAt): an age, so neither clock's offset nor a step matters.
   */
  changedAgoMs?: Record<string, number | undefined>;
}

/** `later` − `earlier` in ms for two ISO times of one publisher; undefined when either does not parse. */
export function ageBetween(earlier: string, later: string): number | undefined {
  const ms = Date.parse(later) - Date.parse(earlier);
  return Number.isFinite(ms) ? ms : undefined;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export class StatusCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: StatusClock) {}

  /** Records a status; true when any field's value changed. */
  update({ kind, name, fields, heartbeatMs, changedAgoMs = {} }: StatusUpdate): boolean {
    const key = `${kind}/${name}`;
    const previous = this.entries.get(key);
    const receivedAt = this.clock.monotonic();
    const since: Record<string, number> = {};
    let changed = previous === undefined;
    for (const [field, value] of Object.entries(fields)) {
      const same = previous !== undefined && previous.fields[field] === value;
      if (!same) changed = true;
      const before = previous?.changedAt[field];
      const ago = changedAgoMs[field];
      // A change dated after the publisher's own observation (forged, or its clock stepped) says nothing.
      if (ago === undefined || ago < 0) {
        since[field] = same ? (before ?? receivedAt) : receivedAt;
        continue;
      }
      // What we saw bounds what the publisher says: a value we saw change changed after our last
      // receipt, one we saw hold changed no earlier than we knew.
      const oldest = previous === undefined ? -Infinity : same ? (before ?? previous.receivedAt) : previous.receivedAt;
      since[field] = clamp(receivedAt - ago, oldest, receivedAt);
    }
    // The meaning check refuses a larger claim; whoever calls, freshness is never granted beyond the bound.
    this.entries.set(key, { fields, changedAt: since, receivedAt, heartbeatMs: grantedHeartbeatMs(heartbeatMs) });
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
      changedAgoMs: { role: ageBetween(event.lastRoleTransitionAt, event.observedAt) },
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
        changedAgoMs: { phase: ageBetween(status.lastTransitionAt, status.observedAt) },
      };
      if (this.update(update)) changed = true;
    }
    return changed;
  }

  /** When the status of kind/name turns stale on the monotonic clock, or undefined when none is known. */
  staleAt(kind: string, name: string): number | undefined {
    const entry = this.entries.get(`${kind}/${name}`);
    return entry && staleAt(entry.receivedAt, entry.heartbeatMs);
  }

  /** The lookup `evaluateWhen` reads. */
  readonly lookup: StatusLookup = (key: StatusKey): FieldObservation | undefined => {
    const entry = this.entries.get(`${key.kind}/${key.name}`);
    if (!entry) return undefined;
    const stale = !isFresh(entry.receivedAt, entry.heartbeatMs, this.clock.monotonic());
    // A stale status is unknown as a whole; the evaluator's own freshFor is only a backstop.
    return {
      value: stale ? 'unknown' : (entry.fields[key.field] ?? null),
      observedAt: entry.receivedAt,
      changedAt: entry.changedAt[key.field] ?? entry.receivedAt,
    };
  };
}
