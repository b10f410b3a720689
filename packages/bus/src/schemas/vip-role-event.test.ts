import { describe, expect, it } from 'vitest';
import { decode } from '../codec.js';
import { sampleVipRoleEvent } from './samples.js';
import { vipRoleEventSchema } from './vip-role-event.js';

const subject = 'routerd.r1.vip.lan-vip';

describe('VipRoleEvent', () => {
  it('VipRoleEvent › accepts a realistic event', () => {
    expect(vipRoleEventSchema.parse(sampleVipRoleEvent)).toEqual(sampleVipRoleEvent);
    const v6 = { ...sampleVipRoleEvent, address: '2001:db8::1/128', family: 'ipv6', role: 'unknown', reason: 'ip addr failed' };
    expect(vipRoleEventSchema.safeParse(v6).success).toBe(true);
  });

  it('VipRoleEvent › rejects an unknown role, naming the field and what was found', () => {
    const result = decode(vipRoleEventSchema, JSON.stringify({ ...sampleVipRoleEvent, role: 'boss' }), subject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe(
      'bad message on "routerd.r1.vip.lan-vip": expected JSON matching VipRoleEvent, found role: Invalid option: expected one of "master"|"backup"|"inactive"|"unknown", found "boss"',
    );
  });

  it('VipRoleEvent › rejects an address of the wrong family', () => {
    const result = vipRoleEventSchema.safeParse({ ...sampleVipRoleEvent, address: '2001:db8::1' });
    expect(result.error?.issues[0]?.message).toBe('expected an ipv4 address with prefix /32 (or none), found "2001:db8::1"');
  });

  it('VipRoleEvent › rejects unknown fields, a bad timestamp and a missing heartbeat', () => {
    const { heartbeatMs: _omit, ...rest } = sampleVipRoleEvent;
    const result = decode(vipRoleEventSchema, JSON.stringify({ ...rest, observedAt: 'yesterday', colour: 'red' }), subject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('observedAt: expected an ISO 8601 date-time like "2024-05-01T12:00:00.000Z", found "yesterday"');
    expect(result.error.message).toContain('heartbeatMs: Invalid input: expected number, received undefined');
    expect(result.error.message).toContain('Unrecognized key: "colour"');
  });
});
