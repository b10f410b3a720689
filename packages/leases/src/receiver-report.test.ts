import { describe, expect, it } from 'vitest';
import { formatReceiverReport, parseReceiverReport, type ReceiverReport } from './receiver-report.js';

const merged: ReceiverReport = {
  type: 'merged',
  leases: 3,
  taken: 2,
  kept: 1,
  changed: true,
  conflicts: [{ address: '192.0.2.50', winner: { client: '02:00:00:00:30:11', expiry: 1714568520, from: 'live' }, loser: { client: '02:00:00:00:30:12', expiry: 0, from: 'incoming' } }],
  conflictCount: 1,
};

describe('receiver report', () => {
  it('receiver report › every report round-trips through its one line, among rsync and ssh output', () => {
    const reports: ReceiverReport[] = [
      merged,
      { type: 'held', text: 'router-b serves DHCP: the handback waits for its promoter' },
      { type: 'refused', reason: 'SplitBrain', text: 'router-b holds VirtualAddress/lan-vip (192.0.2.1 on lan0)' },
    ];
    for (const report of reports) {
      const line = formatReceiverReport(report);
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      expect(parseReceiverReport(`Warning: Permanently added '192.0.2.3'\n${line}rsync error: syntax or usage error (code 1) at main.c(1394)\n`)).toEqual(report);
    }
  });

  it('receiver report › a merge with many conflicts lists the first 20 and counts them all, so the line survives the 4 KiB output bound', () => {
    const one = merged.type === 'merged' ? merged.conflicts[0] : undefined;
    if (one === undefined) throw new Error('expected a conflict');
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...one, address: `192.0.2.${i % 250}` }));
    const line = formatReceiverReport({ ...merged, conflicts: many, conflictCount: many.length });
    expect(Buffer.byteLength(line)).toBeLessThan(4096);
    expect(parseReceiverReport(line)).toEqual({ ...merged, conflicts: many.slice(0, 20), conflictCount: 5000 });
    // An older receiver's line, without conflictCount, counts what it lists.
    expect(parseReceiverReport(line.replace(',"conflictCount":5000', ''))).toMatchObject({ conflictCount: 20 });
  });

  it('receiver report › a multi-line refusal text stays one line', () => {
    const line = formatReceiverReport({ type: 'refused', reason: 'Failed', text: 'cannot write\n/x: EACCES' });
    expect(line).toBe('routerd-lease-receiver: refused Failed: cannot write /x: EACCES\n');
  });

  it('receiver report › output without a report, or with a malformed one, has none', () => {
    expect(parseReceiverReport('rsync: connection unexpectedly closed\n')).toBeUndefined();
    expect(parseReceiverReport('routerd-lease-receiver: refused Tired: no\n')).toBeUndefined();
    expect(parseReceiverReport('routerd-lease-receiver: merged {"leases":-1,"taken":0,"kept":0,"changed":true,"conflicts":[]}\n')).toBeUndefined();
    expect(parseReceiverReport('routerd-lease-receiver: merged {not json\n')).toBeUndefined();
    expect(parseReceiverReport('routerd-lease-receiver: merged {"leases":1,"taken":1,"kept":0,"changed":true,"conflicts":[{"address":"a"}]}\n')).toBeUndefined();
  });
});
