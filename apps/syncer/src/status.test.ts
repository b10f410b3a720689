import { syncStatusSchema } from '@routerd/bus';
import type { SyncJob } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { toSyncStatus } from './status.js';

const job = { kind: 'DHCPv4ServerLeaseSync', name: 'lan-v4-leases' } as SyncJob;
const AT = Date.parse('2024-05-01T12:00:02.000Z');
const conflict = { address: '192.0.2.130', winner: { client: 'a', expiry: 0, from: 'live' as const }, loser: { client: 'b', expiry: 5, from: 'incoming' as const } };

describe('status', () => {
  it('syncer › a target\'s last merge is published with its time in ISO and its conflicts', () => {
    const status = toSyncStatus(job, 'r1', {
      phase: 'Error',
      reason: 'SyncFailed',
      message: '1 of 1 targets failed',
      gate: { truth: 'true', reasons: [] },
      targets: [
        {
          name: 'router-b', host: '198.51.100.2', phase: 'Error', reason: 'SplitBrain', message: 'split brain: router-b serves', consecutiveFailures: 2,
          lastMerge: { at: AT, leases: 40, taken: 38, kept: 2, conflicts: [conflict], conflictCount: 1 },
        },
      ],
    }, AT);
    expect(syncStatusSchema.safeParse(status).success).toBe(true);
    expect(status.targets[0]).toMatchObject({ reason: 'SplitBrain', lastMerge: { at: '2024-05-01T12:00:02.000Z', leases: 40, taken: 38, kept: 2, conflicts: [conflict] } });
  });

  it("syncer › each target's lag of its last success is published with it (the metrics exporter's histogram samples it)", () => {
    const status = toSyncStatus(job, 'r1', {
      phase: 'Synced',
      gate: { truth: 'true', reasons: [] },
      syncedAt: AT,
      lagMs: 450,
      targets: [
        { name: 'router-b', host: '198.51.100.2', phase: 'Synced', consecutiveFailures: 0, lastSuccessAt: AT, lagMs: 450 },
        { name: 'router-c', host: '198.51.100.3', phase: 'Synced', consecutiveFailures: 0, lastSuccessAt: AT, lagMs: 120 },
      ],
    }, AT);
    expect(syncStatusSchema.safeParse(status).error).toBeUndefined();
    expect(status.targets.map((t) => [t.name, t.lagMs])).toEqual([['router-b', 450], ['router-c', 120]]);
  });
});
