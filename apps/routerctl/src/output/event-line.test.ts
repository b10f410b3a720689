import { sampleLeaseFileEvent, samplePromotionStatus, sampleReconcileEvent, sampleSyncStatus, sampleVipRoleEvent } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { failingStatus } from '../testing/live-samples.js';
import { formatBadLine, formatEventLine } from './event-line.js';

describe('routerctl › event lines', () => {
  it('routerctl › one line per event with its key facts', () => {
    expect(formatEventLine(sampleVipRoleEvent)).toBe('2024-05-01T12:00:01.250Z r1 vip    VirtualAddress/lan-vip role=master address=192.0.2.1 ifname=eth1');
    expect(formatEventLine(sampleLeaseFileEvent)).toBe('2024-05-01T12:00:01.300Z r1 lease  DHCPv4Server/lan-dhcpv4 sha=e3b0c44298fc v4=3 v6=2 size=512 parsed');
    expect(formatEventLine(sampleSyncStatus)).toBe('2024-05-01T12:00:01.700Z r1 sync   DHCPv4ServerLeaseSync/lan-v4-leases phase=Synced lag=450ms targets=1/1');
    expect(formatEventLine(failingStatus)).toContain('phase=Error reason=SyncFailed lag=1.2s targets=1/2');
    expect(formatEventLine(samplePromotionStatus)).toBe(
      '2024-05-01T12:00:02.000Z r1 dhcp   DHCPServerPromotion/lan-dhcp phase=Serving role=master servers=DHCPv4Server/lan-dhcpv4,DHCPv6Server/lan-dhcpv6',
    );
    expect(formatEventLine(sampleReconcileEvent)).toBe(
      '2024-05-01T12:00:02.000Z r1 leases DHCPv4Server/lan-dhcpv4 push-merged peer=router-b "router-b merged 3 leases: 2 taken, 1 kept, 1 conflicts"',
    );
    const refused = { ...sampleReconcileEvent, action: 'push-refused' as const, reason: 'SplitBrain' as const, message: 'router-b refused: split brain' };
    expect(formatEventLine(refused)).toMatch(/ leases DHCPv4Server\/lan-dhcpv4 push-refused reason=SplitBrain peer=router-b "router-b refused: split brain"$/);
  });

  it('routerctl › a missing, torn or unknown-role file says so', () => {
    const missing = { ...sampleLeaseFileEvent, exists: false, parsed: false };
    expect(formatEventLine(missing)).toMatch(/lease {2}DHCPv4Server\/lan-dhcpv4 missing$/);
    expect(formatEventLine({ ...sampleLeaseFileEvent, parsed: false, parseError: 'line 3: truncated' })).toMatch(/ unparsed \(line 3: truncated\)$/);
    expect(formatEventLine({ ...sampleVipRoleEvent, role: 'unknown', reason: 'ip failed' })).toMatch(/role=unknown .* reason="ip failed"$/);
  });

  it('routerctl › a bad message is a BAD line naming the subject and the problem', () => {
    expect(formatBadLine('routerd.r1.vip.x', 'bad message on "routerd.r1.vip.x": expected JSON matching BusEvent, found invalid JSON "{"', Date.parse('2024-05-01T12:00:00Z'))).toBe(
      '2024-05-01T12:00:00.000Z BAD    routerd.r1.vip.x: bad message on "routerd.r1.vip.x": expected JSON matching BusEvent, found invalid JSON "{"',
    );
  });
});
