// The lease-watcher's files endpoint (`routerd.<node>.lease-watcher.files`): the last event of each source.
import { z } from 'zod';
import { SOURCE_KINDS } from '../kinds.js';
import { decode, type DecodeResult } from '../codec.js';
import { nodeSchema } from './common.js';
import { leaseFileEventSchema } from './lease-file-event.js';

export const leaseWatcherFilesRequestSchema = z
  .strictObject({
    kind: z.enum(SOURCE_KINDS).optional().meta({ description: 'Only sources of this kind.' }),
    name: z.string().min(1).optional().meta({ description: 'Only sources of this name.' }),
  })
  .meta({ title: 'LeaseWatcherFilesRequest', description: 'An empty payload or {} asks for every source.' });

export const leaseWatcherFilesResponseSchema = z
  .strictObject({
    node: nodeSchema,
    events: z.array(leaseFileEventSchema),
  })
  .meta({ title: 'LeaseWatcherFilesResponse', description: 'The last LeaseFileEvent of every watched source.' });

export type LeaseWatcherFilesRequest = z.infer<typeof leaseWatcherFilesRequestSchema>;
export type LeaseWatcherFilesResponse = z.infer<typeof leaseWatcherFilesResponseSchema>;

/** Decodes a files request; an empty body asks for every source. */
export function decodeLeaseWatcherFilesRequest(data: Uint8Array | string, subject: string): DecodeResult<LeaseWatcherFilesRequest> {
  const empty = typeof data === 'string' ? data.trim().length === 0 : data.length === 0;
  return decode(leaseWatcherFilesRequestSchema, empty ? '{}' : data, subject);
}

/** Decodes a files reply (routerctl, tools). */
export function decodeLeaseWatcherFilesResponse(data: Uint8Array | string, subject: string): DecodeResult<LeaseWatcherFilesResponse> {
  return decode(leaseWatcherFilesResponseSchema, data, subject);
}
