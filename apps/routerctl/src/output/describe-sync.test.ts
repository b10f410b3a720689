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
});
