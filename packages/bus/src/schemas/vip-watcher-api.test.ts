import { describe, expect, it } from 'vitest';
import { sampleVipRoleEvent } from './samples.js';
import { decodeVipWatcherRolesRequest, decodeVipWatcherRolesResponse, vipWatcherRolesResponseSchema } from './vip-watcher-api.js';

const subject = 'routerd.r1.vip-watcher.roles';

describe('vip-watcher roles API', () => {
  it('vip-watcher roles API › an empty body asks for every VirtualAddress, a name for one', () => {
    expect(decodeVipWatcherRolesRequest(new Uint8Array(), subject)).toEqual({ ok: true, value: {} });
    expect(decodeVipWatcherRolesRequest('{"name":"lan-vip"}', subject)).toEqual({ ok: true, value: { name: 'lan-vip' } });
  });

  it('vip-watcher roles API › a bad request names the subject, the schema and what was found', () => {
    const result = decodeVipWatcherRolesRequest('{"nmae":"lan-vip"}', subject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('bad message on "routerd.r1.vip-watcher.roles": expected JSON matching VipWatcherRolesRequest, found (message): Unrecognized key: "nmae"');
  });

  it('vip-watcher roles API › the response wire format holds role events', () => {
    const response = { type: 'vip-watcher.roles', node: 'r1', events: [sampleVipRoleEvent] };
    expect(decodeVipWatcherRolesResponse(JSON.stringify(response), subject)).toEqual({ ok: true, value: response });
    expect(vipWatcherRolesResponseSchema.safeParse({ ...response, type: 'roles' }).success).toBe(false);
    const bad = decodeVipWatcherRolesResponse(JSON.stringify({ ...response, events: [{ ...sampleVipRoleEvent, role: 'boss' }] }), subject);
    expect(bad.ok ? '' : bad.error.message).toMatch(/^bad message on "routerd\.r1\.vip-watcher\.roles": expected JSON matching VipWatcherRolesResponse, found events\.0\.role: Invalid option/);
  });
});
