// The test's view of the bus, as an operator's `nats sub 'routerd.r1.>'` and `nats req routerd.r1.syncer.status`,
// signed in with routerctl's read-only credential as the operator's would be.
import { readNatsCredential } from '@routerd/agent/credential';
import { decode, decodeReply, leaseFileEventSchema, promotionStatusSchema, syncerStatusEndpoint, syncStatusSchema, vipRoleEventSchema } from '@routerd/bus';
import type { LeaseFileEvent, PromotionStatus, SyncStatus, VipRoleEvent } from '@routerd/bus';
import { connect, nkeyAuthenticator, type NatsConnection } from 'nats';

/** What each agent publishes, by the area token of its subject (routerd.<node>.<area>.<name>). */
interface Published {
  vip: VipRoleEvent;
  lease: LeaseFileEvent;
  sync: SyncStatus;
  promotion: PromotionStatus;
}
type Area = keyof Published;

export type Observed = { [A in Area]: { type: A; at: number; event: Published[A] } }[Area];

export interface BusObserver {
  readonly nc: NatsConnection;
  /** Every decoded event on routerd.<node>.{vip,lease,sync,promotion}.>, oldest first. */
  readonly events: readonly Observed[];
  /** Messages on those subjects that did not decode: an agent published something off-contract. */
  readonly bad: readonly string[];
  lastVip(): VipRoleEvent | undefined;
  lastLease(): LeaseFileEvent | undefined;
  lastSync(): SyncStatus | undefined;
  lastPromotion(): PromotionStatus | undefined;
  /** Asks the syncer; throws on no reply or a reply that does not decode. */
  syncStatus(): Promise<SyncStatus>;
  close(): Promise<void>;
}

/** The decoded event of a message on one of the areas, or its problem; undefined for other subjects. */
function observe(area: string | undefined, data: Uint8Array, subject: string, at: number): Observed | Error | undefined {
  const result = <A extends Area>(type: A, r: { ok: true; value: Published[A] } | { ok: false; error: Error }) =>
    r.ok ? ({ type, at, event: r.value } as Observed) : r.error;
  switch (area) {
    case 'vip':
      return result('vip', decode(vipRoleEventSchema, data, subject));
    case 'lease':
      return result('lease', decode(leaseFileEventSchema, data, subject));
    case 'sync':
      return result('sync', decode(syncStatusSchema, data, subject));
    case 'promotion':
      return result('promotion', decode(promotionStatusSchema, data, subject));
    default:
      return undefined;
  }
}

export async function observeBus(url: string, node: string, credentialFile: string): Promise<BusObserver> {
  const { seed } = await readNatsCredential(credentialFile);
  const nc = await connect({ servers: url, name: 'system-test-observer', authenticator: nkeyAuthenticator(seed), maxReconnectAttempts: -1, reconnectTimeWait: 200, waitOnFirstConnect: true });
  const events: Observed[] = [];
  const bad: string[] = [];
  const sub = nc.subscribe(`routerd.${node}.>`);
  const loop = (async () => {
    for await (const msg of sub) {
      const seen = observe(msg.subject.split('.')[2], msg.data, msg.subject, Date.now());
      if (seen instanceof Error) bad.push(seen.message);
      else if (seen !== undefined) events.push(seen);
    }
  })();
  const last = <A extends Area>(type: A): Published[A] | undefined => {
    for (let i = events.length - 1; i >= 0; i -= 1) {
      const seen = events[i] as Observed;
      if (seen.type === type) return seen.event as Published[A];
    }
    return undefined;
  };
  return {
    nc,
    events,
    bad,
    lastVip: () => last('vip'),
    lastLease: () => last('lease'),
    lastSync: () => last('sync'),
    lastPromotion: () => last('promotion'),
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
