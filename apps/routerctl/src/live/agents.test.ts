// Integration: a real nats-server and in-test agents serving the bus endpoints the one way.
import { dhcpPromoterStatusEndpoint, serveEndpoint, syncerStatusEndpoint, vipWatcherRolesEndpoint } from '@routerd/bus';
import { freePort, startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection, type Service } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { createCheckCommand } from '../commands/check.js';
import { createDescribeCommand } from '../commands/describe.js';
import { createGetCommand } from '../commands/get.js';
import { memoryIo } from '../testing/memory-io.js';
import { masterVip, syncedStatus } from '../testing/live-samples.js';
import { defaultLiveDeps } from './default-deps.js';
import { servingPromotion } from './promotion-samples.js';
import { AgentUnavailableError, NatsUnreachableError, NotFoundError } from './errors.js';

const deps = { ...defaultLiveDeps, now: () => Date.parse('2024-05-01T12:00:10.000Z'), hostname: () => 'r1' };

const quiet = { warn: () => undefined, error: () => undefined };

describe('routerctl › live commands against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  const services: Service[] = [];

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: server.url, name: 'routerctl-test-agents' });
    services.push(await serveEndpoint(nc, syncerStatusEndpoint, { node: 'r1', items: () => [syncedStatus], log: quiet }));
    services.push(await serveEndpoint(nc, vipWatcherRolesEndpoint, { node: 'r1', items: () => [masterVip], log: quiet }));
    services.push(await serveEndpoint(nc, dhcpPromoterStatusEndpoint, { node: 'r1', items: () => [servingPromotion], log: quiet }));
    await nc.flush();
  });

  afterAll(async () => {
    for (const service of services) await service.stop();
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
    const promotions = memoryIo();
    expect(await createGetCommand(deps).run(['promotions', '--nats', server.url], promotions)).toBe(0);
    expect(promotions.out()).toContain('lan-dhcp  r1    master  Serving');
    const promotion = memoryIo();
    expect(await createDescribeCommand(deps).run(['DHCPServerPromotion/lan-dhcp', '--nats', server.url], promotion)).toBe(0);
    expect(promotion.out()).toContain('Last Reconcile:\n  Trigger:   promotion (before the new mastership served)\n');
    await expect(createDescribeCommand(deps).run(['promotion/x', '--nats', server.url], memoryIo())).rejects.toThrow('no DHCPServerPromotion/x on node r1');
  });

  it('routerctl › check asks the three agents and reports the stale role, exit 1; fresh, exit 0; a node without agents: one line per agent', async () => {
    const stale = memoryIo();
    expect(await createCheckCommand(deps).run(['--nats', server.url], stale)).toBe(1);
    expect(stale.out()).toBe('VirtualAddress/lan-vip: role master is STALE: last one 8.7s ago, heartbeat every 1s\n');
    const fresh = memoryIo();
    const atSample = { ...deps, now: () => Date.parse('2024-05-01T12:00:02.000Z') };
    expect(await createCheckCommand(atSample).run(['--nats', server.url, '-o', 'json'], fresh)).toBe(0);
    expect(JSON.parse(fresh.out())).toEqual({ node: 'r1', healthy: true, checked: { virtualAddresses: 1, leaseSyncs: 1, promotions: 1 }, problems: [] });
    const empty = memoryIo();
    expect(await createCheckCommand(deps).run(['--nats', server.url, '--node', 'r9'], empty)).toBe(1);
    expect(empty.out().split('\n').map((line) => line.split(':')[0])).toEqual(['routerd-vip-watcher', 'routerd-syncer', 'routerd-dhcp-promoter', '']);
  });

  it('routerctl › a 404 from the syncer is exit 1 "no Kind/name on node"', async () => {
    await expect(createDescribeCommand(deps).run(['v4leasesync/x', '--nats', server.url], memoryIo())).rejects.toThrow(
      new NotFoundError('no DHCPv4ServerLeaseSync/x on node r1'),
    );
    const io = memoryIo({ env: { ROUTERD_NATS_URL: server.url, ROUTERD_NODE: 'r1' } });
    expect(await runCli(['describe', 'leasesync/x'], io)).toBe(1);
    expect(io.err()).toBe('routerctl: no lease sync/x on node r1\n');
  });

  it('routerctl › no agent on the node is exit 4 naming the subject and the agent', async () => {
    const run = createDescribeCommand(deps).run(['pdleasesync/x', '--nats', server.url, '--node', 'r2'], memoryIo());
    await expect(run).rejects.toThrow(AgentUnavailableError);
    await expect(run).rejects.toThrow('no responders on routerd.r2.syncer.status: is routerd-syncer running on node r2?');
  });

  it('routerctl › an agent that does not answer in time is exit 4 naming the subject and the agent', async () => {
    const silent = nc.subscribe('routerd.r3.vip-watcher.roles');
    await nc.flush();
    const run = createDescribeCommand(deps).run(['vip/lan-vip', '--nats', server.url, '--node', 'r3', '--timeout', '300ms'], memoryIo());
    await expect(run).rejects.toThrow('no answer on routerd.r3.vip-watcher.roles within 300ms: is routerd-vip-watcher running on node r3?');
    silent.unsubscribe();
  });

  it('routerctl › no NATS server is exit 3 within the timeout, naming the URL', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const run = createGetCommand(deps).run(['leasesyncs', '--nats', url, '--timeout', '1s'], memoryIo());
    await expect(run).rejects.toThrow(NatsUnreachableError);
    await expect(run).rejects.toThrow(`cannot reach NATS at ${url} within 1s`);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
