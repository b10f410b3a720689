import { describe, expect, it } from 'vitest';
import { sampleSyncStatus } from './samples.js';
import { decodeSyncerStatusRequest, decodeSyncerStatusResponse, syncerStatusRequestSchema, syncerStatusResponseSchema } from './syncer-api.js';

const subject = 'routerd.r1.syncer.status';

describe('syncer status API', () => {
  it('syncer status API › an empty body asks for every sync', () => {
    expect(decodeSyncerStatusRequest(new Uint8Array(), subject)).toEqual({ ok: true, value: {} });
    expect(decodeSyncerStatusRequest('  ', subject)).toEqual({ ok: true, value: {} });
  });

  it('syncer status API › accepts a filter by kind and name', () => {
    const value = { kind: 'DHCPv4ServerLeaseSync', name: 'lan-v4-leases' };
    expect(decodeSyncerStatusRequest(JSON.stringify(value), subject)).toEqual({ ok: true, value });
    expect(syncerStatusRequestSchema.safeParse({ name: 'lan-v4-leases' }).success).toBe(true);
  });

  it('syncer status API › rejects a source kind in the request, naming it', () => {
    const result = decodeSyncerStatusRequest('{"kind":"DHCPv4Server"}', subject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe(
      'bad message on "routerd.r1.syncer.status": expected JSON matching SyncerStatusRequest, found kind: Invalid option: expected one of "DHCPv4ServerLeaseSync"|"DHCPv6ServerLeaseSync"|"DHCPv6PrefixDelegationLeaseSync", found "DHCPv4Server"',
    );
  });

  it('syncer status API › the response holds sync statuses and nothing else', () => {
    expect(syncerStatusResponseSchema.parse({ syncs: [sampleSyncStatus] })).toEqual({ syncs: [sampleSyncStatus] });
    const bad = syncerStatusResponseSchema.safeParse({ syncs: [{ ...sampleSyncStatus, type: 'vip.role' }] });
    expect(bad.error?.issues[0]?.path).toEqual(['syncs', 0, 'type']);
  });
});

describe('syncer status API replies', () => {
  it('syncer status API › decodes a reply, naming what is wrong in a bad one', () => {
    expect(decodeSyncerStatusResponse(JSON.stringify({ syncs: [sampleSyncStatus] }), subject)).toEqual({ ok: true, value: { syncs: [sampleSyncStatus] } });
    const bad = decodeSyncerStatusResponse('{"sync":[]}', subject);
    expect(bad.ok ? '' : bad.error.message).toMatch(/^bad message on "routerd\.r1\.syncer\.status": expected JSON matching SyncerStatusResponse, found /);
  });
});
