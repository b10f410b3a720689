import { describe, expect, it } from 'vitest';
import { decode } from '../codec.js';
import { reconcileEventSchema } from './reconcile-event.js';
import { sampleReconcileEvent } from './samples.js';

const subject = 'routerd.r1.reconcile.DHCPv4Server.lan-dhcpv4';

describe('reconcile event', () => {
  it('reconcile event › a merge with a conflict round-trips; a refusal needs only its reason and message', () => {
    expect(decode(reconcileEventSchema, JSON.stringify(sampleReconcileEvent), subject)).toEqual({ ok: true, value: sampleReconcileEvent });
    const { leases: _l, taken: _t, kept: _k, conflicts: _c, ...bare } = sampleReconcileEvent;
    const refused = { ...bare, action: 'push-refused', reason: 'SplitBrain', message: 'router-b refused: split brain: router-b holds VirtualAddress/lan-vip' };
    expect(reconcileEventSchema.safeParse(refused).success).toBe(true);
  });

  it('reconcile event › bad payloads name the field and what was found', () => {
    const bad = (patch: Record<string, unknown>) => {
      const result = decode(reconcileEventSchema, JSON.stringify({ ...sampleReconcileEvent, ...patch }), subject);
      return result.ok ? 'ok' : result.error.message;
    };
    const prefix = `bad message on "${subject}": expected JSON matching ReconcileEvent, found `;
    expect(bad({ action: 'merged' })).toBe(
      `${prefix}action: Invalid option: expected one of "push-merged"|"push-refused"|"handback-sent"|"handback-merged"|"pull-merged"|"pull-failed"|"conflict", found "merged"`,
    );
    expect(bad({ kind: 'DHCPv4ServerLeaseSync' })).toMatch(/kind: Invalid option: expected one of "DHCPv4Server"\|"DHCPv6Server"\|"DHCPv6PrefixDelegation", found "DHCPv4ServerLeaseSync"$/);
    expect(bad({ taken: -1 })).toMatch(/taken: .*>=0/);
    expect(bad({ conflicts: [{ address: '192.0.2.50', winner: { client: 'a', expiry: 1, from: 'peer' }, loser: { client: 'b', expiry: 1, from: 'live' } }] })).toMatch(
      /conflicts\.0\.winner\.from: Invalid option: expected one of "live"\|"incoming", found "peer"$/,
    );
  });
});
