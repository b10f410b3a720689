// The syncer's status endpoint (`routerd.<node>.syncer.status`): one or all syncs.
import { z } from 'zod';
import { SYNC_KINDS_LIST } from '../kinds.js';
import { decode, type DecodeResult } from '../codec.js';
import { resourceNameSchema } from './common.js';
import { syncStatusSchema } from './sync-status.js';

export const syncerStatusRequestSchema = z
  .strictObject({
    kind: z.enum(SYNC_KINDS_LIST).optional(),
    name: resourceNameSchema.optional(),
  })
  .meta({ title: 'SyncerStatusRequest', description: 'Filters: none for every sync, kind and/or name to narrow. An empty body means {}.' });

export const syncerStatusResponseSchema = z
  .strictObject({
    syncs: z.array(syncStatusSchema),
  })
  .meta({ title: 'SyncerStatusResponse', description: 'The status of each sync that matched the request.' });

export type SyncerStatusRequest = z.infer<typeof syncerStatusRequestSchema>;
export type SyncerStatusResponse = z.infer<typeof syncerStatusResponseSchema>;

/** Decodes a status request; an empty body (`nats req routerd.r1.syncer.status ''`) asks for every sync. */
export function decodeSyncerStatusRequest(data: Uint8Array | string, subject: string): DecodeResult<SyncerStatusRequest> {
  const empty = typeof data === 'string' ? data.trim().length === 0 : data.length === 0;
  return decode(syncerStatusRequestSchema, empty ? '{}' : data, subject);
}

/** Decodes a status reply (routerctl, tools). */
export function decodeSyncerStatusResponse(data: Uint8Array | string, subject: string): DecodeResult<SyncerStatusResponse> {
  return decode(syncerStatusResponseSchema, data, subject);
}
