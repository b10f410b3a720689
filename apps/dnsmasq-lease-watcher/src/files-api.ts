// The lease-watcher's request/reply API (`routerd.<node>.lease-watcher.files`): the contract lives in
// @routerd/bus; re-exported here under this app's historical names, plus the throwing request decoder.
import { decodeLeaseWatcherFilesRequest, type LeaseWatcherFilesRequest } from '@routerd/bus';
import { FilesRequestError } from './errors.js';

export {
  LEASE_WATCHER_ENDPOINTS,
  LEASE_WATCHER_SERVICE_NAME,
  leaseWatcherFilesRequestSchema as filesRequestSchema,
  leaseWatcherFilesResponseSchema as filesResponseSchema,
  leaseWatcherFilesSubject,
  leaseWatcherServicePrefix,
} from '@routerd/bus';
export type { LeaseWatcherFilesRequest as FilesRequest, LeaseWatcherFilesResponse as FilesResponse } from '@routerd/bus';

/** Parses a request payload (empty means "everything"); throws FilesRequestError naming the subject and what was found. */
export function decodeFilesRequest(data: Uint8Array | string, subject: string): LeaseWatcherFilesRequest {
  const result = decodeLeaseWatcherFilesRequest(data, subject);
  if (!result.ok) throw new FilesRequestError(result.error.message, { cause: result.error });
  return result.value;
}
