import { describe, expect, it } from 'vitest';
import { samples, total } from './metrics-view.js';

const TEXT = [
  '# HELP routerd_sync_target_push_failures_total Failed pushes.',
  '# TYPE routerd_sync_target_push_failures_total counter',
  'routerd_sync_target_push_failures_total{node="router-a",kind="DHCPv4ServerLeaseSync",sync="lan-v4-leases",target="standby",reason="PeerNotAnswering"} 2',
  'routerd_sync_target_push_failures_total{node="router-a",kind="DHCPv6ServerLeaseSync",sync="lan-v6-leases",target="standby",reason="CommandFailed"} 1',
  'routerd_sync_target_lag_seconds_count{node="router-a",kind="DHCPv4ServerLeaseSync",sync="lan-v4-leases",target="standby"} 3',
  '',
].join('\n');

describe('lab metrics view', () => {
  it('lab metrics › reads the samples of a metric whose labels include the ones asked, and sums them', () => {
    expect(samples(TEXT, 'routerd_sync_target_push_failures_total', { reason: 'PeerNotAnswering' })).toEqual([
      { labels: { node: 'router-a', kind: 'DHCPv4ServerLeaseSync', sync: 'lan-v4-leases', target: 'standby', reason: 'PeerNotAnswering' }, value: 2 },
    ]);
    expect(total(TEXT, 'routerd_sync_target_push_failures_total', { target: 'standby' })).toBe(3);
    expect(total(TEXT, 'routerd_sync_target_lag_seconds_count')).toBe(3);
    expect(total(TEXT, 'routerd_sync_target_lag_seconds_count', { target: 'other' })).toBe(0);
  });
});
