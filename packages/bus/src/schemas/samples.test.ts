import { describe, expect, it } from 'vitest';
import { leaseFileEventSchema } from './lease-file-event.js';
import { promotionStatusSchema } from './promotion-status.js';
import { sampleLeaseFileEvent, samplePromotionStatus, sampleSyncStatus, sampleVipRoleEvent } from './samples.js';
import { syncStatusSchema } from './sync-status.js';
import { vipRoleEventSchema } from './vip-role-event.js';

describe('samples', () => {
  it('samples › each sample is valid for its schema', () => {
    expect(vipRoleEventSchema.safeParse(sampleVipRoleEvent).error).toBeUndefined();
    expect(leaseFileEventSchema.safeParse(sampleLeaseFileEvent).error).toBeUndefined();
    expect(syncStatusSchema.safeParse(sampleSyncStatus).error).toBeUndefined();
    expect(promotionStatusSchema.safeParse(samplePromotionStatus).error).toBeUndefined();
  });
});
