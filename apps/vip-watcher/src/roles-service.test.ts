import { sampleVipRoleEvent, vipWatcherRolesResponseSchema as rolesResponseSchema, vipWatcherRolesSubject } from '@routerd/bus';
import { describe, expect, it } from 'vitest';
import { answerRoles } from './roles-service.js';

const lan = { ...sampleVipRoleEvent, name: 'lan-vip' };
const wan = { ...sampleVipRoleEvent, name: 'wan-vip', role: 'backup' as const };

describe('vip-watcher › roles endpoint', () => {
  it('vip-watcher › lives at routerd.<node>.vip-watcher.roles', () => {
    expect(vipWatcherRolesSubject('r1')).toBe('routerd.r1.vip-watcher.roles');
    expect(() => vipWatcherRolesSubject('r1.evil')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r1.evil"');
  });

  it('vip-watcher › an empty request answers every VirtualAddress', () => {
    const answer = answerRoles('r1', '', [lan, wan]);
    expect(answer).toEqual({ ok: true, response: { type: 'vip-watcher.roles', node: 'r1', events: [lan, wan] } });
    if (answer.ok) expect(rolesResponseSchema.safeParse(answer.response).success).toBe(true);
    expect(answerRoles('r1', '{}', [lan])).toMatchObject({ ok: true });
  });

  it('vip-watcher › a named request answers that one', () => {
    expect(answerRoles('r1', '{"name":"wan-vip"}', [lan, wan])).toEqual({ ok: true, response: { type: 'vip-watcher.roles', node: 'r1', events: [wan] } });
  });

  it('vip-watcher › bad requests are answered with an error naming what was found', () => {
    expect(answerRoles('r1', 'lan-vip', [lan])).toEqual({ ok: false, code: 400, message: 'expected an empty body or JSON like {"name":"lan-vip"}, found "lan-vip"' });
    expect(answerRoles('r1', '{"nmae":"lan-vip"}', [lan])).toMatchObject({ ok: false, code: 400, message: expect.stringContaining('Unrecognized key: "nmae"') });
    expect(answerRoles('r1', '{"name":"lan_vip"}', [lan])).toMatchObject({ ok: false, code: 400, message: expect.stringContaining('found "lan_vip"') });
    expect(answerRoles('r1', '{"name":"dmz-vip"}', [lan, wan])).toEqual({ ok: false, code: 404, message: 'no VirtualAddress "dmz-vip" on r1; known: lan-vip, wan-vip' });
    expect(answerRoles('r1', '{"name":"dmz-vip"}', [])).toMatchObject({ message: 'no VirtualAddress "dmz-vip" on r1; known: none' });
  });
});
