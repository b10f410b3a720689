import { describe, expect, it } from 'vitest';
import { peersTable, type PeerRow } from './report.js';
import { percentile } from './stats.js';

describe('lab peers report', () => {
  it('lab peers report › percentiles by nearest rank', () => {
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile([1], 0)).toThrow(/expected 0 < p <= 100, found 0/);
  });

  it('lab peers report › one row per run, with the proof, both takeovers, the decision split and the load', () => {
    const row: PeerRow = {
      run: 'kea',
      label: 'Kea',
      proof: { kept: true, conflict: false, text: 'kept' },
      failovers: [
        { kind: 'graceful', decidedMs: 3000, answeredMs: 3020 },
        { kind: 'cut', decidedMs: 3100, answeredMs: 3150 },
      ],
      load: { steps: [{ offeredPerS: 500, grantedPerS: 420.4, acksReceived: 10, requestsSent: 12 }], bestPerS: 420.4 },
      failures: ['x'],
    };
    const text = peersTable([row], { cycles: 1, note: 'quiet' });
    expect(text).toContain('| Kea | kept | 3020 / 3020 | 3150 / 3150 | 3000 / 3000; 3100 / 3100 | 20 / 20; 50 / 50 | 420 |');
    expect(text).toContain('Kea: 1 failure(s): x');
    expect(text).toContain('500/s offered → 420/s (10/12 ACKed)');
  });
});
