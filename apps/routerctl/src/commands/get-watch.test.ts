// Integration: `get --watch` against a real nats-server; in-test agents serve the list and publish
// status changes on the subjects the real agents use.
import {
  dhcpPromoterStatusEndpoint,
  promotionSubject,
  sampleVipRoleEvent,
  serveEndpoint,
  syncerStatusEndpoint,
  syncSubject,
  vipSubject,
  vipWatcherRolesEndpoint,
  type VipRoleEvent,
} from '@routerd/bus';
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection, type Service } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLiveDeps } from '../live/default-deps.js';
import type { Interrupt, LiveDeps } from '../live/deps.js';
import { NatsUnreachableError } from '../live/errors.js';
import { servingPromotion } from '../live/promotion-samples.js';
import { failingStatus, syncedStatus } from '../testing/live-samples.js';
import { memoryIo, type MemoryIo } from '../testing/memory-io.js';
import { createGetCommand } from './get.js';

const NOW = Date.parse('2024-05-01T12:00:10.000Z');
const quiet = { warn: () => undefined, error: () => undefined };

/** Deps whose interrupt the test fires, as SIGINT would. */
function interruptible(): { deps: LiveDeps; fire: () => void } {
  let fire = (): void => undefined;
  const interrupt = (): Interrupt => ({ promise: new Promise<string>((resolve) => (fire = () => resolve('SIGINT'))), dispose: () => undefined });
  return { deps: { ...defaultLiveDeps, now: () => NOW, hostname: () => 'r1', interrupt }, fire: () => fire() };
}

/** Bounded wait for what the watch has written so far. */
async function until(io: MemoryIo, done: (io: MemoryIo) => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(io); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(done(io), `stdout:\n${io.out()}\nstderr:\n${io.err()}`).toBe(true);
}

const watching = (io: MemoryIo) => io.err().includes('watching ');
const tables = (io: MemoryIo) => io.out().split('\n\n');

function role(name: string, role: VipRoleEvent['role'], seq: number, observedAt: string): VipRoleEvent {
  return { ...sampleVipRoleEvent, name, role, seq, observedAt };
}

describe('routerctl › get --watch against a real nats-server', () => {
  let server: NatsServer;
  let agents: NatsConnection;
  const services: Service[] = [];

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    agents = await connect({ servers: server.url, name: 'routerctl-test-agents' });
    services.push(await serveEndpoint(agents, vipWatcherRolesEndpoint, { node: 'r1', items: () => [role('lan-vip', 'master', 1, '2024-05-01T12:00:01.000Z')], log: quiet }));
    services.push(await serveEndpoint(agents, syncerStatusEndpoint, { node: 'r1', items: () => [syncedStatus], log: quiet }));
    services.push(await serveEndpoint(agents, dhcpPromoterStatusEndpoint, { node: 'r1', items: () => [servingPromotion], log: quiet }));
    await agents.flush();
  });

  afterAll(async () => {
    for (const service of services) await service.stop();
    await agents?.close();
    await server?.cleanup();
  });

  it('get vips -w draws the list, redraws on each role change (not on a heartbeat that changes nothing), reports a bad message, and an interrupt ends it with exit 0', async () => {
    const { deps, fire } = interruptible();
    const io = memoryIo();
    const run = createGetCommand(deps).run(['vips', '-w', '--nats', server.url], io);
    await until(io, watching);
    expect(io.err()).toBe(`watching routerd.r1.vip.* on ${server.url}; Ctrl-C stops\n`);
    expect(tables(io)).toHaveLength(1);
    expect(io.out()).toContain('lan-vip  master');

    agents.publish(vipSubject('r1', 'lan-vip'), JSON.stringify(role('lan-vip', 'master', 2, '2024-05-01T12:00:02.000Z')));
    agents.publish(vipSubject('r1', 'lan-vip'), '{"type":"vip.role","role":"boss"}');
    agents.publish(vipSubject('r1', 'lan-vip'), JSON.stringify(role('lan-vip', 'backup', 3, '2024-05-01T12:00:03.000Z')));
    agents.publish(vipSubject('r1', 'wan-vip'), JSON.stringify(role('wan-vip', 'master', 1, '2024-05-01T12:00:04.000Z')));
    await until(io, (o) => tables(o).length === 3);
    // The heartbeat (seq 2) changed nothing; the role change and the new VirtualAddress each redrew.
    expect(tables(io)[1]).toMatch(/^NAME +ROLE .*\nlan-vip +backup +192\.0\.2\.1 [^\n]*$/);
    expect(tables(io)[2]).toMatch(/\nlan-vip +backup .*\nwan-vip +master [^\n]*\n$/);
    expect(io.err()).toMatch(/BAD +routerd\.r1\.vip\.lan-vip: bad message on "routerd\.r1\.vip\.lan-vip": expected JSON matching BusEvent/);

    fire();
    expect(await run).toBe(0);
  });

  it('get v6leasesyncs -w follows the sync subjects and keeps to its kind; -o json prints each changed object as one line', async () => {
    const { deps, fire } = interruptible();
    const io = memoryIo();
    const run = createGetCommand(deps).run(['v6leasesyncs', '--watch', '-o', 'json', '--nats', server.url, '--node', 'r1'], io);
    await until(io, watching);
    expect(io.err()).toBe(`watching routerd.r1.sync.*.* on ${server.url}; Ctrl-C stops\n`);
    expect(io.out()).toBe('');
    agents.publish(syncSubject('r1', 'DHCPv4ServerLeaseSync', 'lan-v4-leases'), JSON.stringify({ ...syncedStatus, observedAt: '2024-05-01T12:00:05.000Z' }));
    agents.publish(syncSubject('r1', 'DHCPv6ServerLeaseSync', 'lan-v6-leases'), JSON.stringify(failingStatus));
    await until(io, (o) => o.out() !== '');
    fire();
    expect(await run).toBe(0);
    expect(io.out().trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([failingStatus]);
  });

  it('get promotions -w -o wide redraws the wide table', async () => {
    const { deps, fire } = interruptible();
    const io = memoryIo();
    const run = createGetCommand(deps).run(['promotions', '-w', '-o', 'wide', '--nats', server.url], io);
    await until(io, watching);
    expect(io.out()).toMatch(/^NAME +NODE +ROLE +PHASE +REASON +AGE +VIP +SERVERS +HEARTBEAT/);
    const demoted = { ...servingPromotion, role: 'backup' as const, phase: 'Stopped' as const, message: undefined, seq: servingPromotion.seq + 1, observedAt: '2024-05-01T12:00:09.500Z' };
    agents.publish(promotionSubject('r1', 'lan-dhcp'), JSON.stringify(demoted));
    await until(io, (o) => tables(o).length === 2);
    expect(tables(io)[1]).toMatch(/\nlan-dhcp +r1 +backup +Stopped /);
    fire();
    expect(await run).toBe(0);
  });

  it('on a terminal, each redraw clears the screen first, so the table is redrawn in place', async () => {
    const { deps, fire } = interruptible();
    const io = memoryIo();
    io.stdout.isTTY = true;
    const run = createGetCommand(deps).run(['promotions', '-w', '--nats', server.url], io);
    await until(io, watching);
    const again = { ...servingPromotion, phase: 'Starting' as const, message: undefined, seq: servingPromotion.seq + 5, observedAt: '2024-05-01T12:00:09.900Z' };
    agents.publish(promotionSubject('r1', 'lan-dhcp'), JSON.stringify(again));
    await until(io, (o) => o.out().split('\x1b[H\x1b[2J').length === 3);
    fire();
    expect(await run).toBe(0);
    const [before, first, second] = io.out().split('\x1b[H\x1b[2J');
    expect(before).toBe('');
    expect(first).toMatch(/^NAME .*\nlan-dhcp +r1 +master +Serving [^\n]*\n$/);
    expect(second).toMatch(/^NAME .*\nlan-dhcp +r1 +master +Starting [^\n]*\n$/);
  });

  it('a lost connection ends the watch with NatsUnreachableError (exit 3)', async () => {
    const own = await startNatsServer({ jetstream: false });
    try {
      const nc = await connect({ servers: own.url });
      const service = await serveEndpoint(nc, vipWatcherRolesEndpoint, { node: 'r1', items: () => [], log: quiet });
      const { deps } = interruptible();
      const io = memoryIo();
      const outcome = createGetCommand(deps)
        .run(['vips', '-w', '--nats', own.url], io)
        .then((code) => code, (error: unknown) => error);
      await until(io, watching);
      expect(io.out()).toBe('no VirtualAddresses found\n');
      await own.stop();
      const error = (await outcome) as NatsUnreachableError;
      expect(error).toBeInstanceOf(NatsUnreachableError);
      expect([error.exitCode, error.message]).toEqual([3, `lost the connection to NATS at ${own.url} while watching routerd.r1.vip.*`]);
      await service.stop().catch(() => undefined);
      await nc.close();
    } finally {
      await own.cleanup();
    }
  });
});
