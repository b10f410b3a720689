import type { SyncStatus } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { failingStatus, pendingStatus } from '../testing/live-samples.js';
import { CONFLICT_LINES, formatSyncDescribe, OUTPUT_LINES, syncHappenings } from './describe-sync.js';

const now = Date.parse('2024-05-01T12:00:10.000Z');

describe('routerctl › describe a sync', () => {
  it('routerctl › a pending sync without a snapshot says why the gate is closed', () => {
    const text = formatSyncDescribe(pendingStatus, now);
    expect(text).toContain('Gate:         closed (when is false)\n  VirtualAddress/lan-vip.role equals master (role backup, 0.2s old)\n');
    expect(text).toContain('Source:       <no snapshot yet>\n');
    expect(text).toContain('Targets:      0/1 synced\n');
    expect(syncHappenings(pendingStatus)).toEqual([{ at: '2024-05-01T12:00:09.000Z', text: 'phase Pending (WhenFalse)' }]);
  });

  it('routerctl › long command output keeps its last lines and says how many were left out', () => {
    const output = Array.from({ length: OUTPUT_LINES + 5 }, (_, i) => `line ${i + 1}`).join('\n');
    const status = { ...pendingStatus, targets: [{ ...pendingStatus.targets[0]!, output }] };
    const text = formatSyncDescribe(status, now);
    expect(text).toContain('      [… 5 earlier lines]\n      line 6\n');
    expect(text).not.toContain('line 5\n');
  });

  it('routerctl › a push the gate aborted reads as aborted, not as a failure with exit code 0 (0 in a row)', () => {
    const synced = { ...pendingStatus.targets[0]!, phase: 'Synced' as const, lastSuccessAt: '2024-05-01T12:00:01.000Z', exitCode: 0, consecutiveFailures: 0 };
    const aborted = { ...synced, phase: 'Pending' as const, lastAttemptAt: '2024-05-01T12:00:05.000Z', reason: 'WhenUnknown' as const, message: 'push aborted after 120 ms: the gate closed (WhenUnknown)' };
    const texts = syncHappenings({ ...pendingStatus, targets: [aborted] }).map((h) => h.text);
    expect(texts).toContain(`target ${synced.name}: push aborted after 120 ms: the gate closed (WhenUnknown)`);
    expect(texts.join('\n')).not.toContain('failed');
    const { message: _m, ...fromAnOlderSyncer } = aborted;
    expect(syncHappenings({ ...pendingStatus, targets: [fromAnOlderSyncer] }).map((h) => h.text)).toContain(`target ${synced.name}: push stopped (WhenUnknown)`);
    const inFlight = { ...synced, phase: 'Syncing' as const, lastAttemptAt: '2024-05-01T12:00:05.000Z' };
    expect(syncHappenings({ ...pendingStatus, targets: [inFlight] }).map((h) => h.text)).toContain(`target ${synced.name}: push started`);
  });

  it('routerctl › a target that does not answer shows its reason and message', () => {
    const silent = {
      ...pendingStatus.targets[0]!, phase: 'Error' as const, lastAttemptAt: '2024-05-01T12:00:05.000Z', consecutiveFailures: 2,
      reason: 'PeerNotAnswering' as const, message: '198.51.100.2 does not answer: Timeout, server 198.51.100.2 not responding. (exit code 255)',
    };
    const text = formatSyncDescribe({ ...pendingStatus, targets: [silent] }, now);
    expect(text).toContain('    Reason:                PeerNotAnswering\n    Message:               198.51.100.2 does not answer: Timeout, server 198.51.100.2 not responding. (exit code 255)\n');
    expect(text).toContain(`target ${silent.name}: failed (2 in a row): 198.51.100.2 does not answer`);
  });

  it('routerctl › a target in split brain is named at the top and flagged, its last merge and conflicts shown (golden)', async () => {
    const [merged, refused] = failingStatus.targets as [SyncStatus['targets'][number], SyncStatus['targets'][number]];
    const status: SyncStatus = {
      ...failingStatus,
      message: '1 of 2 targets failed; standby-b: split brain: standby-b (198.51.100.3) serves DHCP itself and refused the push: router-b holds VirtualAddress/lan-vip and its DHCP server runs',
      targets: [
        {
          ...merged,
          lastMerge: {
            at: '2024-05-01T12:00:01.700Z', leases: 40, taken: 38, kept: 2,
            conflicts: [
              { address: '192.0.2.130', winner: { client: '01:02:00:00:00:30:10', expiry: 1795649016, from: 'live' }, loser: { client: '02:00:00:00:30:11', expiry: 1795649000, from: 'incoming' } },
              { address: '192.0.2.131', winner: { client: '02:00:00:00:30:12', expiry: 0, from: 'incoming' }, loser: { client: '02:00:00:00:30:13', expiry: 1795649001, from: 'live' } },
            ],
          },
        },
        {
          ...refused,
          exitCode: 12,
          reason: 'SplitBrain',
          message: 'split brain: standby-b (198.51.100.3) serves DHCP itself and refused the push: router-b holds VirtualAddress/lan-vip and its DHCP server runs',
          output: 'routerd-lease-receiver: refused SplitBrain: router-b holds VirtualAddress/lan-vip and its DHCP server runs\nrsync: connection unexpectedly closed (0 bytes received so far) [sender]',
        },
      ],
    };
    const text = formatSyncDescribe(status, now);
    expect(text).toContain('Split Brain:  split brain: standby-b (198.51.100.3) serves DHCP itself and refused the push: router-b holds VirtualAddress/lan-vip and its DHCP server runs\nObserved At:');
    expect(text).toContain('  standby-b → 198.51.100.3  [SPLIT BRAIN: it serves DHCP too; our pushes are refused]\n    Phase:                 Error\n    Reason:                SplitBrain\n');
    expect(text).toContain('    Last Merge:            2024-05-01T12:00:01.700Z (8.3s ago): 40 leases (38 taken, 2 kept), 2 conflicts\n    Conflicts:\n');
    expect(text).toContain("      192.0.2.130: kept by 01:02:00:00:00:30:10 (standby-a's lease, expires 2026-11-25T23:23:36.000Z), lost by 02:00:00:00:30:11 (our lease, expires 2026-11-25T23:23:20.000Z)\n");
    expect(text).toContain("      192.0.2.131: kept by 02:00:00:00:30:12 (our lease, never expires), lost by 02:00:00:00:30:13 (standby-a's lease, expires 2026-11-25T23:23:21.000Z)\n");
    expect(text).toContain('  8.3s ago   target standby-a: merged 40 leases (38 taken, 2 kept), 2 conflicts\n');
    await expect(text).toMatchFileSnapshot('../__golden__/describe-sync-split-brain.txt');
  });

  it('routerctl › a healthy sync has no split-brain line, and a long conflict list is counted, not printed', () => {
    expect(formatSyncDescribe(failingStatus, now)).not.toContain('Split Brain');
    const conflict = { address: '192.0.2.130', winner: { client: 'a', expiry: 0, from: 'live' as const }, loser: { client: 'b', expiry: 0, from: 'incoming' as const } };
    const many = Array.from({ length: CONFLICT_LINES + 3 }, () => conflict);
    const target = { ...failingStatus.targets[0]!, lastMerge: { at: '2024-05-01T12:00:01.700Z', leases: 1, taken: 0, kept: 1, conflicts: many } };
    const text = formatSyncDescribe({ ...failingStatus, targets: [target] }, now);
    expect(text.split('\n').filter((line) => line.startsWith('      192.0.2.130: '))).toHaveLength(CONFLICT_LINES);
    expect(text).toContain('      [… 3 more conflicts]\n');
  });
});
