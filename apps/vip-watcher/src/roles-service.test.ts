// The roles endpoint over a real nats-server: the watcher's events, the one reply shape and not-found rule.
import { decodeReply, sampleVipRoleEvent, vipWatcherRolesEndpoint } from '@routerd/bus';
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, ServiceError, type NatsConnection, type Service } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRolesService } from './roles-service.js';
import { memoryLogger } from './testing/fixtures.js';

const lan = { ...sampleVipRoleEvent, name: 'lan-vip' };
const wan = { ...sampleVipRoleEvent, name: 'wan-vip', role: 'backup' as const };
const SUBJECT = 'routerd.r1.vip-watcher.roles';

describe('vip-watcher › roles endpoint', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let service: Service;
  let events = [lan, wan];
  const mem = memoryLogger();
  const request = (body: string) => nc.request(SUBJECT, new TextEncoder().encode(body), { timeout: 2000 });
  const error = async (body: string) => {
    const found = ServiceError.toServiceError(await request(body));
    return { code: found?.code, message: found?.message };
  };

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: server.url, name: 'vip-watcher-roles-test' });
    service = await startRolesService({ nc, node: 'r1', log: mem.log, events: () => events, stats: () => ({ heartbeats: 7 }) });
  });

  afterAll(async () => {
    await service?.stop();
    await nc?.close();
    await server?.cleanup();
  });

  it('vip-watcher › lives at routerd.<node>.vip-watcher.roles', () => {
    expect(vipWatcherRolesEndpoint.subject('r1')).toBe(SUBJECT);
    expect(() => vipWatcherRolesEndpoint.subject('r1.evil')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r1.evil"');
  });

  it('vip-watcher › an empty request answers every VirtualAddress', async () => {
    expect(decodeReply(vipWatcherRolesEndpoint, (await request('')).data, SUBJECT)).toEqual({ ok: true, value: { type: 'vip-watcher.roles', node: 'r1', items: [lan, wan] } });
    expect(decodeReply(vipWatcherRolesEndpoint, (await request('{}')).data, SUBJECT)).toMatchObject({ ok: true });
  });

  it('vip-watcher › a named request answers that one', async () => {
    expect(decodeReply(vipWatcherRolesEndpoint, (await request('{"name":"wan-vip"}')).data, SUBJECT)).toEqual({ ok: true, value: { type: 'vip-watcher.roles', node: 'r1', items: [wan] } });
  });

  it('vip-watcher › bad requests and unknown names are answered with an error naming what was found', async () => {
    expect(await error('lan-vip')).toEqual({ code: 400, message: 'bad message on "routerd.r1.vip-watcher.roles": expected JSON matching VipWatcherRolesRequest, found invalid JSON "lan-vip"' });
    expect(await error('{"nmae":"lan-vip"}')).toMatchObject({ code: 400, message: expect.stringContaining('Unrecognized key: "nmae"') });
    expect(await error('{"name":"lan_vip"}')).toMatchObject({ code: 400, message: expect.stringContaining('found "lan_vip"') });
    expect(await error('{"name":"dmz-vip"}')).toEqual({ code: 404, message: 'no VirtualAddress/dmz-vip on node r1; known: lan-vip, wan-vip' });
    events = [];
    expect(await error('{"name":"dmz-vip"}')).toMatchObject({ message: 'no VirtualAddress/dmz-vip on node r1; known: none' });
  });

  it('vip-watcher › the watcher counters are the service stats', async () => {
    const stats = JSON.parse((await nc.request('$SRV.STATS.routerd-vip-watcher', undefined, { timeout: 2000 })).string()) as { endpoints: { data: unknown }[] };
    expect(stats.endpoints[0]?.data).toEqual({ heartbeats: 7 });
  });
});
