import { describe, expect, it } from 'vitest';
import { decode } from '../codec.js';
import { busEventSchema } from './bus-message.js';
import { sampleLeaseFileEvent, sampleSyncStatus, sampleVipRoleEvent } from './samples.js';

describe('BusEvent', () => {
  it('BusEvent › accepts each event kind by its type', () => {
    for (const event of [sampleVipRoleEvent, sampleLeaseFileEvent, sampleSyncStatus]) {
      expect(busEventSchema.parse(event)).toEqual(event);
    }
  });

  it('BusEvent › rejects an unknown type, listing the known ones', () => {
    const result = decode(busEventSchema, '{"type":"vip.gone"}', 'routerd.r1.vip.x');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe(
      `bad message on "routerd.r1.vip.x": expected JSON matching BusEvent, found type: Invalid discriminator value. Expected 'vip.role' | 'lease.file' | 'sync.status' | 'promotion.status' | 'reconcile.event', found "vip.gone"`,
    );
  });
});
