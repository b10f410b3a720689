import { sampleSyncStatus, type SyncStatus, type SyncTargetStatus, type VipRoleEvent, sampleVipRoleEvent, samplePromotionStatus } from '@routerd/bus';
import { Registry } from 'prom-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouterdMetrics, type RouterdMetrics } from './metrics.js';
import { sample } from './testing/exposition.js';

const T = { node: 'r1', kind: 'DHCPv4ServerLeaseSync', sync: 'lan-v4-leases', target: 'router-b' };
const base: SyncTargetStatus = { name: 'router-b', host: '198.51.100.2', phase: 'Pending', consecutiveFailures: 0 };

function status(target: Partial<SyncTargetStatus>, phase: SyncStatus['phase'] = 'Syncing'): SyncStatus {
  const { syncedAt: _s, lagMs: _l, ...rest } = sampleSyncStatus;
  return { ...rest, phase, ...(phase === 'Synced' ? { syncedAt: '2024-05-01T12:00:01.700Z' } : {}), ...(phase === 'Error' ? { reason: 'SyncFailed' } : {}), targets: [{ ...base, ...target }] };
}

describe('metrics from bus statuses', () => {
  let registry: Registry;
  let metrics: RouterdMetrics;
  let clock: number;
  const text = () => registry.metrics();

  beforeEach(() => {
    registry = new Registry();
    clock = 1_000;
    metrics = createRouterdMetrics({ registry, now: () => clock });
  });

  it('metrics › a success adds one lag sample and sets the last success time; the first status seen is a baseline', async () => {
    metrics.sync(status({ phase: 'Synced', lastAttemptAt: '2024-05-01T12:00:00.000Z', lastSuccessAt: '2024-05-01T12:00:00.300Z', lagMs: 9000 }, 'Synced'));
    metrics.sync(status({ phase: 'Syncing', lastAttemptAt: '2024-05-01T12:00:01.000Z', lastSuccessAt: '2024-05-01T12:00:00.300Z', lagMs: 9000 }));
    metrics.sync(status({ phase: 'Synced', lastAttemptAt: '2024-05-01T12:00:01.000Z', lastSuccessAt: '2024-05-01T12:00:01.400Z', lagMs: 450 }, 'Synced'));
    const out = await text();
    expect(sample(out, 'routerd_sync_target_lag_seconds_count', T)).toBe(1);
    expect(sample(out, 'routerd_sync_target_lag_seconds_sum', T)).toBe(0.45);
    expect(sample(out, 'routerd_sync_target_lag_seconds_bucket', { ...T, le: '0.25' })).toBe(0);
    expect(sample(out, 'routerd_sync_target_lag_seconds_bucket', { ...T, le: '0.5' })).toBe(1);
    expect(sample(out, 'routerd_sync_target_pushes_total', T)).toBe(1);
    expect(sample(out, 'routerd_sync_target_last_success_timestamp_seconds', T)).toBe(Date.parse('2024-05-01T12:00:01.400Z') / 1000);
    expect(sample(out, 'routerd_sync_target_phase', { ...T, phase: 'Synced' })).toBe(1);
    expect(sample(out, 'routerd_sync_target_phase', { ...T, phase: 'Error' })).toBe(0);
    expect(sample(out, 'routerd_sync_phase', { node: 'r1', kind: T.kind, sync: T.sync, phase: 'Synced' })).toBe(1);
  });

  it('metrics › each new failure counts once under its reason, retries included, and a reset counts the new ones', async () => {
    metrics.sync(status({ phase: 'Synced', lastSuccessAt: '2024-05-01T12:00:00.300Z' }, 'Synced'));
    for (const [n, at] of [[1, '12:00:10'], [2, '12:00:12'], [3, '12:00:16']] as const) {
      metrics.sync(status({ phase: 'Error', reason: 'PeerNotAnswering', consecutiveFailures: n, lastAttemptAt: `2024-05-01T${at}.000Z` }, 'Error'));
    }
    // The syncer restarted: its count starts again.
    metrics.sync(status({ phase: 'Error', reason: 'SplitBrain', consecutiveFailures: 1, lastAttemptAt: '2024-05-01T12:01:00.000Z' }, 'Error'));
    // A status that changes something else (the message) adds nothing.
    metrics.sync(status({ phase: 'Error', reason: 'SplitBrain', consecutiveFailures: 1, lastAttemptAt: '2024-05-01T12:01:00.000Z', message: 'again' }, 'Error'));
    const out = await text();
    expect(sample(out, 'routerd_sync_target_push_failures_total', { ...T, reason: 'PeerNotAnswering' })).toBe(3);
    expect(sample(out, 'routerd_sync_target_push_failures_total', { ...T, reason: 'SplitBrain' })).toBe(1);
    expect(sample(out, 'routerd_sync_target_pushes_total', T)).toBe(4);
    expect(sample(out, 'routerd_sync_target_phase', { ...T, phase: 'Error' })).toBe(1);
  });

  it('metrics › a new merge counts once, with every conflict it met, not only the listed ones', async () => {
    const merge = (at: string, conflictCount: number) => ({ at, leases: 40, taken: 38, kept: 2, conflicts: [], conflictCount });
    metrics.sync(status({ phase: 'Synced', lastMerge: merge('2024-05-01T12:00:00.000Z', 7) }, 'Synced'));
    metrics.sync(status({ phase: 'Synced', lastMerge: merge('2024-05-01T12:00:30.000Z', 0) }, 'Synced'));
    metrics.sync(status({ phase: 'Synced', lastMerge: merge('2024-05-01T12:01:00.000Z', 25) }, 'Synced'));
    metrics.sync(status({ phase: 'Synced', lastMerge: merge('2024-05-01T12:01:00.000Z', 25), message: 'unchanged merge' }, 'Synced'));
    const out = await text();
    expect(sample(out, 'routerd_sync_merges_total', T)).toBe(2);
    expect(sample(out, 'routerd_sync_conflicts_total', T)).toBe(25);
  });

  it('metrics › a VIP role is its last event while fresh, unknown after 3 missed heartbeats', async () => {
    const event: VipRoleEvent = { ...sampleVipRoleEvent, heartbeatMs: 1000 };
    metrics.vip(event, clock);
    const labels = { node: 'r1', vip: 'lan-vip' };
    clock += 3000;
    let out = await text();
    expect(sample(out, 'routerd_vip_role', { ...labels, role: 'master' })).toBe(1);
    expect(sample(out, 'routerd_vip_role', { ...labels, role: 'backup' })).toBe(0);
    clock += 1;
    out = await text();
    expect(sample(out, 'routerd_vip_role', { ...labels, role: 'master' })).toBe(0);
    expect(sample(out, 'routerd_vip_role', { ...labels, role: 'unknown' })).toBe(1);
    metrics.vip({ ...event, role: 'backup' }, clock);
    out = await text();
    expect(sample(out, 'routerd_vip_role', { ...labels, role: 'backup' })).toBe(1);
    expect(sample(out, 'routerd_vip_role', { ...labels, role: 'unknown' })).toBe(0);
  });

  it('metrics › a promotion phase is its last status while fresh, Unknown after 3 missed heartbeats', async () => {
    metrics.promotion({ ...samplePromotionStatus, heartbeatMs: 2000 }, clock);
    const labels = { node: 'r1', promotion: 'lan-dhcp' };
    let out = await text();
    expect(sample(out, 'routerd_promotion_phase', { ...labels, phase: 'Serving' })).toBe(1);
    expect(sample(out, 'routerd_promotion_phase', { ...labels, phase: 'Stopped' })).toBe(0);
    clock += 6001;
    out = await text();
    expect(sample(out, 'routerd_promotion_phase', { ...labels, phase: 'Serving' })).toBe(0);
    expect(sample(out, 'routerd_promotion_phase', { ...labels, phase: 'Unknown' })).toBe(1);
  });
});
