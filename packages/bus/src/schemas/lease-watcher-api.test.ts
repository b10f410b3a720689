import { describe, expect, it } from 'vitest';
import { decodeLeaseWatcherFilesRequest, decodeLeaseWatcherFilesResponse, leaseWatcherFilesResponseSchema } from './lease-watcher-api.js';
import { sampleLeaseFileEvent } from './samples.js';

const subject = 'routerd.router-a.lease-watcher.files';

describe('lease-watcher files API', () => {
  it('lease-watcher files API › an empty payload or {} asks for everything; kind and name filter', () => {
    expect(decodeLeaseWatcherFilesRequest(new Uint8Array(), subject)).toEqual({ ok: true, value: {} });
    expect(decodeLeaseWatcherFilesRequest(' ', subject)).toEqual({ ok: true, value: {} });
    const value = { kind: 'DHCPv6Server', name: 'lan-dhcpv6' };
    expect(decodeLeaseWatcherFilesRequest(JSON.stringify(value), subject)).toEqual({ ok: true, value });
  });

  it('lease-watcher files API › a bad request names the subject, the schema and what was found', () => {
    const result = decodeLeaseWatcherFilesRequest('{"kind":"Interface"}', subject);
    expect(result.ok ? '' : result.error.message).toBe(
      'bad message on "routerd.router-a.lease-watcher.files": expected JSON matching LeaseWatcherFilesRequest, found kind: Invalid option: expected one of "DHCPv4Server"|"DHCPv6Server"|"DHCPv6PrefixDelegation", found "Interface"',
    );
  });

  it('lease-watcher files API › the response carries the node and valid events', () => {
    const response = { node: 'router-a', events: [sampleLeaseFileEvent] };
    expect(decodeLeaseWatcherFilesResponse(JSON.stringify(response), subject)).toEqual({ ok: true, value: response });
    expect(leaseWatcherFilesResponseSchema.safeParse({ node: 'router-a', events: [{ type: 'lease.file' }] }).success).toBe(false);
  });
});
