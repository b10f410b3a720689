// serveEndpoint and askEndpoint against a real nats-server: what an agent answers, what a client gets.
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, headers, ServiceError, type NatsConnection, type Service } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askEndpoint } from './ask-endpoint.js';
import { createBusCounters } from './counters.js';
import { decodeReply, SERVICE_VERSION } from './endpoint.js';
import { BadReplyError, NoResponderError, RequestTimeoutError, ResourceNotFoundError, ServiceReplyError } from './endpoint-errors.js';
import { syncerStatusEndpoint, vipWatcherRolesEndpoint } from './endpoints.js';
import { InvalidPayloadError } from './errors.js';
import { sampleSyncStatus, sampleVipRoleEvent } from './schemas/samples.js';
import type { SyncStatus } from './schemas/sync-status.js';
import { serveEndpoint, type EndpointLog } from './serve-endpoint.js';

const lan = { ...sampleVipRoleEvent, name: 'lan-vip' };
const wan = { ...sampleVipRoleEvent, name: 'wan-vip', role: 'backup' as const };
const ROLES = 'routerd.r1.vip-watcher.roles';

function recordingLog(): EndpointLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (_fields, message) => lines.push(`warn ${message}`), error: (_fields, message) => lines.push(`error ${message}`) };
}

describe('serveEndpoint and askEndpoint', () => {
  let server: NatsServer;
  let agent: NatsConnection;
  let client: NatsConnection;
  const services: Service[] = [];
  const log = recordingLog();
  const counters = createBusCounters();
  const ask = { node: 'r1', timeoutMs: 2000 };
  const raw = async (subject: string, body: string) => client.request(subject, new TextEncoder().encode(body), { timeout: 2000 });

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    agent = await connect({ servers: server.url, name: 'bus-test-agent' });
    client = await connect({ servers: server.url, name: 'bus-test-client' });
    services.push(await serveEndpoint(agent, vipWatcherRolesEndpoint, { node: 'r1', items: () => [lan, wan], log, counters, stats: () => ({ bus: counters.snapshot() }) }));
    const broken = { ...sampleSyncStatus, phase: 'Sleeping' } as unknown as SyncStatus;
    services.push(await serveEndpoint(agent, syncerStatusEndpoint, { node: 'r2', items: () => [broken], log }));
    await agent.flush();
  });

  afterAll(async () => {
    for (const service of services) await service.stop();
    await client?.close();
    await agent?.close();
    await server?.cleanup();
  });

  it('serveEndpoint › a valid request gets the items it names; no filter gets them all', async () => {
    expect(await askEndpoint(client, vipWatcherRolesEndpoint, { ...ask, request: { name: 'wan-vip' } })).toEqual([wan]);
    expect(await askEndpoint(client, vipWatcherRolesEndpoint, { ...ask, request: {} })).toEqual([lan, wan]);
  });

  it('serveEndpoint › an empty body means {}: the reply is {type, node, items}', async () => {
    const reply = await client.request(ROLES, new Uint8Array(), { timeout: 2000 });
    expect(decodeReply(vipWatcherRolesEndpoint, reply.data, ROLES)).toEqual({ ok: true, value: { type: 'vip-watcher.roles', node: 'r1', items: [lan, wan] } });
  });

  it('serveEndpoint › a bad request is a 400 naming the schema and what was found, counted and logged', async () => {
    const error = ServiceError.toServiceError(await raw(ROLES, '{"nmae":"lan-vip"}'));
    expect(error?.code).toBe(400);
    expect(error?.message).toBe('bad message on "routerd.r1.vip-watcher.roles": expected JSON matching VipWatcherRolesRequest, found (message): Unrecognized key: "nmae"');
    expect(counters.bad).toBe(1);
    expect(log.lines).toContain(`warn ${error?.message}`);
    expect(ServiceError.toServiceError(await raw(ROLES, 'lan-vip'))?.message).toBe(
      'bad message on "routerd.r1.vip-watcher.roles": expected JSON matching VipWatcherRolesRequest, found invalid JSON "lan-vip"',
    );
  });

  it('askEndpoint › refuses to send a request its schema rejects', async () => {
    const request = { name: 'lan_vip' };
    await expect(askEndpoint(client, vipWatcherRolesEndpoint, { ...ask, request })).rejects.toThrow(InvalidPayloadError);
  });

  it('serveEndpoint › an unknown name is a 404 naming kind, name, node and what there is; ask throws ResourceNotFoundError', async () => {
    const error = ServiceError.toServiceError(await raw(ROLES, '{"name":"dmz-vip"}'));
    expect({ code: error?.code, message: error?.message }).toEqual({ code: 404, message: 'no VirtualAddress/dmz-vip on node r1; known: lan-vip, wan-vip' });
    const asked = askEndpoint(client, vipWatcherRolesEndpoint, { ...ask, request: { name: 'dmz-vip' } });
    await expect(asked).rejects.toThrow(new ResourceNotFoundError('VirtualAddress/dmz-vip', 'r1'));
    await expect(asked).rejects.toThrow(ResourceNotFoundError);
  });

  it('serveEndpoint › a reply that fails its schema is never sent as a success: a 500, logged', async () => {
    const subject = syncerStatusEndpoint.subject('r2');
    const reply = await raw(subject, '');
    const error = ServiceError.toServiceError(reply);
    expect(error?.code).toBe(500);
    expect(error?.message).toMatch(/^refusing to publish on "routerd\.r2\.syncer\.status": expected SyncerStatusResponse, found items\.0\.phase: /);
    expect(reply.data).toHaveLength(0);
    expect(log.lines.some((line) => line.startsWith('error answering routerd.r2.syncer.status failed: refusing to publish'))).toBe(true);
    const asked = askEndpoint(client, syncerStatusEndpoint, { node: 'r2', timeoutMs: 2000, request: {} });
    await expect(asked).rejects.toThrow(ServiceReplyError);
    await expect(asked).rejects.toThrow(/^routerd-syncer on node r2 answered routerd\.r2\.syncer\.status with error 500: refusing to publish/);
  });

  it('askEndpoint › no responder names the subject and the agent to check', async () => {
    const asked = askEndpoint(client, vipWatcherRolesEndpoint, { node: 'r9', timeoutMs: 2000, request: {} });
    await expect(asked).rejects.toThrow(NoResponderError);
    await expect(asked).rejects.toThrow('no responders on routerd.r9.vip-watcher.roles: is routerd-vip-watcher running on node r9?');
  });

  it('askEndpoint › a silent agent is a timeout naming the subject and the agent', async () => {
    const silent = agent.subscribe('routerd.r3.vip-watcher.roles');
    await agent.flush();
    const asked = askEndpoint(client, vipWatcherRolesEndpoint, { node: 'r3', timeoutMs: 300, request: {} });
    await expect(asked).rejects.toThrow(RequestTimeoutError);
    await expect(asked).rejects.toThrow('no answer on routerd.r3.vip-watcher.roles within 300ms: is routerd-vip-watcher running on node r3?');
    silent.unsubscribe();
  });

  it('askEndpoint › a reply off the contract is a BadReplyError naming the schema and what was found', async () => {
    const old = agent.subscribe('routerd.r4.syncer.status', { callback: (_error, msg) => msg.respond(new TextEncoder().encode('{"syncs":[]}')) });
    const h = headers();
    h.set('Nats-Service-Error-Code', 'teapot');
    const odd = agent.subscribe('routerd.r5.syncer.status', { callback: (_error, msg) => msg.respond(new Uint8Array(), { headers: h }) });
    await agent.flush();
    const asked = askEndpoint(client, syncerStatusEndpoint, { node: 'r4', timeoutMs: 2000, request: {} });
    await expect(asked).rejects.toThrow(BadReplyError);
    await expect(asked).rejects.toThrow(
      /^routerd-syncer on node r4 sent a reply that breaks the contract: bad message on "routerd\.r4\.syncer\.status": expected JSON matching SyncerStatusResponse, found /,
    );
    await expect(askEndpoint(client, syncerStatusEndpoint, { node: 'r5', timeoutMs: 2000, request: {} })).rejects.toThrow(
      'routerd-syncer on node r5 answered routerd.r5.syncer.status with a bad error code "teapot"',
    );
    old.unsubscribe();
    odd.unsubscribe();
  });

  it('serveEndpoint › the service is listed by $SRV with the one version, its node, endpoint and stats', async () => {
    const info = JSON.parse((await raw('$SRV.INFO.routerd-vip-watcher', '')).string()) as Record<string, unknown>;
    expect(info).toMatchObject({
      name: 'routerd-vip-watcher',
      version: SERVICE_VERSION,
      description: vipWatcherRolesEndpoint.serviceDescription,
      metadata: { node: 'r1' },
      endpoints: [{ name: 'roles', subject: ROLES, metadata: { description: vipWatcherRolesEndpoint.description } }],
    });
    const stats = JSON.parse((await raw('$SRV.STATS.routerd-vip-watcher', '')).string()) as { endpoints: { data: unknown }[] };
    expect(stats.endpoints[0]?.data).toMatchObject({ bus: { bad: counters.bad } });
  });
});
