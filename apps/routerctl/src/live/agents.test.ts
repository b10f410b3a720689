// Integration: a real nats-server and tiny in-test responders speaking the bus contracts.
import {
  encode,
  SYNCER_ENDPOINTS,
  SYNCER_SERVICE_NAME,
  syncerServicePrefix,
  syncerStatusResponseSchema,
  decodeSyncerStatusRequest,
  VIP_WATCHER_ENDPOINTS,
  VIP_WATCHER_SERVICE_NAME,
  vipWatcherRolesResponseSchema,
  vipWatcherServicePrefix,
  type SyncStatus,
} from '@routerd/bus';
import { freePort, startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { createDescribeCommand } from '../commands/describe.js';
import { createGetCommand } from '../commands/get.js';
import { memoryIo } from '../testing/memory-io.js';
import { masterVip, syncedStatus } from '../testing/live-samples.js';
import { defaultLiveDeps } from './default-deps.js';
import { AgentUnavailableError, NatsUnreachableError, NotFoundError } from './errors.js';

const deps = { ...defaultLiveDeps, now: () => Date.parse('2024-05-01T12:00:10.000Z'), hostname: () => 'r1' };

async function addSyncer(nc: NatsConnection, node: string, syncs: SyncStatus[]): Promise<void> {
  const service = await nc.services.add({ name: SYNCER_SERVICE_NAME, version: '0.0.1' });
  service.addGroup(syncerServicePrefix(node)).addEndpoint(SYNCER_ENDPOINTS.status, {
    handler: (error, msg) => {
      if (error !== null) return;
      const request = decodeSyncerStatusRequest(msg.data, msg.subject);
      if (!request.ok) return void msg.respondError(400, request.error.message);
      const { kind, name } = request.value;
      const found = syncs.filter((s) => (kind === undefined || s.kind === kind) && (name === undefined || s.name === name));
      if ((kind !== undefined || name !== undefined) && found.length === 0) return void msg.respondError(404, `no lease sync ${kind ?? '*'}/${name ?? '*'} on ${node}`);
      msg.respond(encode(syncerStatusResponseSchema, { syncs: found }, msg.subject));
    },
  });
}

describe('routerctl › live commands against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: server.url, name: 'routerctl-test-agents' });
    await addSyncer(nc, 'r1', [syncedStatus]);
    const roles = await nc.services.add({ name: VIP_WATCHER_SERVICE_NAME, version: '0.0.1' });
    roles.addGroup(vipWatcherServicePrefix('r1')).addEndpoint(VIP_WATCHER_ENDPOINTS.roles, {
      handler: (_error, msg) => msg.respond(encode(vipWatcherRolesResponseSchema, { type: 'vip-watcher.roles', node: 'r1', events: [masterVip] }, msg.subject)),
    });
    await nc.flush();
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  it('routerctl › describe and get read the agents through the services API', async () => {
    const io = memoryIo();
    expect(await createDescribeCommand(deps).run(['leasesync/lan-v4-leases', '--nats', server.url, '--node', 'r1'], io)).toBe(0);
    expect(io.out()).toContain('Name:         lan-v4-leases\n');
    const vip = memoryIo();
    expect(await createGetCommand(deps).run(['vip', '--nats', server.url], vip)).toBe(0);
    expect(vip.out()).toContain('lan-vip  master');
  });

  it('routerctl › a 404 from the syncer is exit 1 "no Kind/name on node"', async () => {
    await expect(createDescribeCommand(deps).run(['leasesync/x', '--nats', server.url], memoryIo())).rejects.toThrow(new NotFoundError('no DHCPv4ServerLeaseSync/x on node r1'));
    const io = memoryIo({ env: { ROUTERD_NATS_URL: server.url, ROUTERD_NODE: 'r1' } });
    expect(await runCli(['describe', 'leasesync/x'], io)).toBe(1);
    expect(io.err()).toBe('routerctl: no DHCPv4ServerLeaseSync/x on node r1\n');
  });

  it('routerctl › no agent on the node is exit 2 naming the subject and the agent', async () => {
    const run = createDescribeCommand(deps).run(['pdleasesync/x', '--nats', server.url, '--node', 'r2'], memoryIo());
    await expect(run).rejects.toThrow(AgentUnavailableError);
    await expect(run).rejects.toThrow('no responders on routerd.r2.syncer.status: is routerd-syncer running on node r2?');
  });

  it('routerctl › an agent that does not answer in time is exit 2 naming the subject and the agent', async () => {
    const silent = nc.subscribe('routerd.r3.vip-watcher.roles');
    await nc.flush();
    const run = createDescribeCommand(deps).run(['vip/lan-vip', '--nats', server.url, '--node', 'r3', '--timeout', '300ms'], memoryIo());
    await expect(run).rejects.toThrow('no answer on routerd.r3.vip-watcher.roles within 300ms: is routerd-vip-watcher running on node r3?');
    silent.unsubscribe();
  });

  it('routerctl › no NATS server is exit 2 within the timeout, naming the URL', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const run = createGetCommand(deps).run(['leasesyncs', '--nats', url, '--timeout', '1s'], memoryIo());
    await expect(run).rejects.toThrow(NatsUnreachableError);
    await expect(run).rejects.toThrow(`cannot reach NATS at ${url} within 1s`);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
