// Every event payload on `routerd.>`, for consumers that read them all (routerctl events, tools).
import { z } from 'zod';
import { leaseFileEventSchema } from './lease-file-event.js';
import { promotionStatusSchema } from './promotion-status.js';
import { reconcileEventSchema } from './reconcile-event.js';
import { syncStatusSchema } from './sync-status.js';
import { vipRoleEventSchema } from './vip-role-event.js';

export const busEventSchema = z
  .discriminatedUnion('type', [vipRoleEventSchema, leaseFileEventSchema, syncStatusSchema, promotionStatusSchema, reconcileEventSchema])
  .meta({ title: 'BusEvent', description: 'A VipRoleEvent, LeaseFileEvent, SyncStatus, PromotionStatus or ReconcileEvent.' });

export type BusEvent = z.infer<typeof busEventSchema>;
