// The test's view of the bus, as an operator's `nats sub 'routerd.r1.>'` and `nats req routerd.r1.syncer.status`.
import { decode, decodeReply, leaseFileEventSchema, syncerStatusEndpoint, syncStatusSchema, vipRoleEventSchema } from '@routerd/bus';
import type { LeaseFileEvent, SyncStatus, VipRoleEvent } from '@routerd/bus';
import { connect, type NatsConnection } from 'nats';

export type Observed =
  | { type: 'vip'; at: number; event: VipRoleEvent }
  | { type: 'lease'; at: number; event: LeaseFileEvent }
  | { type: 'sync'; at: number; event: SyncStatus };

export interface BusObserver {
  readonly nc: NatsConnection;
  /** Every decoded event on routerd.<node>.{vip,lease,sync}.>, oldest first. */
  readonly events: readonly Observed[];
  /** Messages on those subjects that did not decode: an agent published something off-contract. */
  readonly bad: readonly string[];
  lastVip(): VipRoleEvent | undefined;
  lastLease(): LeaseFileEvent | undefined;
  lastSync(): SyncStatus | undefined;
  /** Asks the syncer; throws on no reply or a reply that does not decode. */
  syncStatus(): Promise<SyncStatus>;
  close(): Promise<void>;
}

export async function observeBus(url: string, node: string): Promise<BusObserver> {
  const nc = await connect({ servers: url, name: 'system-test-observer', maxReconnectAttempts: -1, reconnectTimeWait: 200, waitOnFirstConnect: true });
  const events: Observed[] = [];
  const bad: string[] = [];
  const sub = nc.subscribe(`routerd.${node}.>`);
  const loop = (async () => {
    for await (const msg of sub) {
      const area = msg.subject.split('.')[2];
      const at = Date.now();
      if (area === 'vip') {
        const r = decode(vipRoleEventSchema, msg.data, msg.subject);
        if (r.ok) events.push({ type: 'vip', at, event: r.value });
        else bad.push(r.error.message);
      } else if (area === 'lease') {
        const r = decode(leaseFileEventSchema, msg.data, msg.subject);
        if (r.ok) events.push({ type: 'lease', at, event: r.value });
        else bad.push(r.error.message);
      } else if (area === 'sync') {
        const r = decode(syncStatusSchema, msg.data, msg.subject);
        if (r.ok) events.push({ type: 'sync', at, event: r.value });
        else bad.push(r.error.message);
      }
    }
  })();
  const last = <E>(pick: (seen: Observed) => E | undefined): E | undefined => {
    for (let i = events.length - 1; i >= 0; i -= 1) {
      const found = pick(events[i] as Observed);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return {
    nc,
    events,
    bad,
    lastVip: () => last((seen) => (seen.type === 'vip' ? seen.event : undefined)),
    lastLease: () => last((seen) => (seen.type === 'lease' ? seen.event : undefined)),
    lastSync: () => last((seen) => (seen.type === 'sync' ? seen.event : undefined)),
    async syncStatus() {
      const subject = syncerStatusEndpoint.subject(node);
      const reply = await nc.request(subject, new Uint8Array(), { timeout: 2000 });
      const r = decodeReply(syncerStatusEndpoint, reply.data, subject);
      if (!r.ok) throw r.error;
      const [status] = r.value.items;
      if (status === undefined) throw new Error(`${subject}: expected one lease sync in the reply, found none`);
      return status;
    },
    async close() {
      await nc.drain().catch(() => nc.close());
      await loop;
    },
  };
}
