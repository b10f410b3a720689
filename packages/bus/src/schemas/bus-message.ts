// Every event payload on `routerd.>`, for consumers that read them all (routerctl events, tools).
import { z } from 'zod';
import { leaseFileEventSchema } from './lease-file-event.js';
import { syncStatusSchema } from './sync-status.js';
import { vipRoleEventSchema } from './vip-role-event.js';

export const busEventSchema = z
  .discriminatedUnion('type', [vipRoleEventSchema, leaseFileEventSchema, syncStatusSchema])
  .meta({ title: 'BusEvent', description: 'A VipRoleEvent, LeaseFileEvent or SyncStatus.' });

export type BusEvent = z.infer<typeof busEventSchema>;
