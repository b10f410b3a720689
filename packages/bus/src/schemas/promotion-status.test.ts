import { describe, expect, it } from 'vitest';
import { decode } from '../codec.js';
import { promotionStatusSchema, serverPhases, type PromotionStatus } from './promotion-status.js';
import { samplePromotionStatus } from './samples.js';

const status: PromotionStatus = {
  ...samplePromotionStatus,
  lastTransitionAt: '2024-05-01T12:00:00.000Z',
  lastCommand: { argv: ['systemctl', 'restart', 'dnsmasq-routerd.service'], exitCode: 0, output: '', durationMs: 120, at: '2024-05-01T12:00:00.000Z' },
  seq: 7,
};
const subject = 'routerd.r1.promotion.lan-dhcp';

describe('promotion status', () => {
  it('promotion status › a full status round-trips; reason, message and lastCommand are optional', () => {
    expect(decode(promotionStatusSchema, JSON.stringify(status), subject)).toEqual({ ok: true, value: status });
    const { lastCommand: _omitted, ...bare } = status;
    const unknown = { ...bare, role: 'unknown', phase: 'Unknown', reason: 'WaitingForRole', message: 'no role of lan-vip yet' };
    expect(promotionStatusSchema.safeParse(unknown).success).toBe(true);
  });

  it('promotion status › bad payloads name the field and what was found', () => {
    const bad = (patch: Record<string, unknown>) => {
      const result = decode(promotionStatusSchema, JSON.stringify({ ...status, ...patch }), subject);
      return result.ok ? 'ok' : result.error.message;
    };
    const prefix = `bad message on "${subject}": expected JSON matching PromotionStatus, found `;
    expect(bad({ phase: 'Running' })).toBe(`${prefix}phase: Invalid option: expected one of "Serving"|"Stopped"|"Starting"|"Stopping"|"Error"|"Unknown", found "Running"`);
    expect(bad({ servers: [] })).toBe(`${prefix}servers: expected at least one server, found an empty list`);
    expect(bad({ servers: [{ kind: 'DHCPv6PrefixDelegation', name: 'wan-pd' }] })).toMatch(/^.*servers\.0\.kind: Invalid option: expected one of "DHCPv4Server"\|"DHCPv6Server", found "DHCPv6PrefixDelegation"$/);
    expect(bad({ lastCommand: { ...status.lastCommand, output: 'x'.repeat(5000) } })).toContain('lastCommand.output: expected command output of at most 4096 bytes');
    expect(bad({ extra: true })).toBe(`${prefix}(message): Unrecognized key: "extra"`);
    expect(bad({ heartbeatMs: 0 })).toContain('heartbeatMs: Too small');
  });

  it('promotion status › serverPhases gives each server the phase, keyed "Kind/name"', () => {
    expect(serverPhases(status)).toEqual(
      new Map([
        ['DHCPv4Server/lan-dhcpv4', 'Serving'],
        ['DHCPv6Server/lan-dhcpv6', 'Serving'],
      ]),
    );
    expect(serverPhases({ ...status, phase: 'Stopped' }).get('DHCPv4Server/lan-dhcpv4')).toBe('Stopped');
  });
});
