import { describe, expect, it } from 'vitest';
import { pendingStatus } from '../testing/live-samples.js';
import { formatSyncDescribe, OUTPUT_LINES, syncHappenings } from './describe-sync.js';

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
});
