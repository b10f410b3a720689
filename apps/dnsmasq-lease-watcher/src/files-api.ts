// The lease-watcher's request/reply API (NATS services API): `routerd.<node>.lease-watcher.files`.
// @routerd/bus has no builder for it yet; built here from bus's token helpers (candidate to move there).
import { decode, leaseFileEventSchema, nodeSchema, nodeToken, SOURCE_KINDS, SUBJECT_ROOT } from '@routerd/bus';
import { z } from 'zod';
import { FilesRequestError } from './errors.js';

/** Service name shown by `nats micro ls` / `$SRV.INFO`. */
export const LEASE_WATCHER_SERVICE_NAME = 'routerd-lease-watcher';
export const LEASE_WATCHER_ENDPOINTS = { files: 'files' } as const;

/** The group every lease-watcher endpoint lives under. */
export function leaseWatcherServicePrefix(node: string): string {
  return `${SUBJECT_ROOT}.${nodeToken(node)}.lease-watcher`;
}

/** The current state of every watched source of `node` (request: FilesRequest, reply: FilesResponse). */
export function leaseWatcherFilesSubject(node: string): string {
  return `${leaseWatcherServicePrefix(node)}.${LEASE_WATCHER_ENDPOINTS.files}`;
}

export const filesRequestSchema = z
  .strictObject({
    kind: z.enum(SOURCE_KINDS).optional().meta({ description: 'Only sources of this kind.' }),
    name: z.string().min(1).optional().meta({ description: 'Only sources of this name.' }),
  })
  .meta({ title: 'LeaseWatcherFilesRequest', description: 'An empty payload or {} asks for every source.' });
export type FilesRequest = z.infer<typeof filesRequestSchema>;

export const filesResponseSchema = z
  .strictObject({
    node: nodeSchema,
    events: z.array(leaseFileEventSchema),
  })
  .meta({ title: 'LeaseWatcherFilesResponse', description: 'The last LeaseFileEvent of every watched source.' });
export type FilesResponse = z.infer<typeof filesResponseSchema>;

/** Parses a request payload (empty means "everything"); throws FilesRequestError naming the subject and what was found. */
export function decodeFilesRequest(data: Uint8Array | string, subject: string): FilesRequest {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  if (text.trim().length === 0) return {};
  const result = decode(filesRequestSchema, text, subject);
  if (!result.ok) throw new FilesRequestError(result.error.message, { cause: result.error });
  return result.value;
}
