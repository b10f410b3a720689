import { describe, expect, it } from 'vitest';
import { formatReceiverReport, parseReceiverReport, type ReceiverReport } from './receiver-report.js';

const merged: ReceiverReport = {
  type: 'merged',
  leases: 3,
  taken: 2,
  kept: 1,
  changed: true,
  conflicts: [{ address: '192.0.2.50', winner: { client: '02:00:00:00:30:11', expiry: 1714568520, from: 'live' }, loser: { client: '02:00:00:00:30:12', expiry: 0, from: 'incoming' } }],
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
