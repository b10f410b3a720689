// Integration: a real nats-server; the test publishes events while `routerctl events --count N` watches.
import { encode, leaseSubject, sampleLeaseFileEvent, sampleSyncStatus, sampleVipRoleEvent, syncSubject, vipSubject, vipRoleEventSchema } from '@routerd/bus';
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLiveDeps } from '../live/default-deps.js';
import type { Interrupt, LiveDeps } from '../live/deps.js';
import { NatsUnreachableError } from '../live/errors.js';
import { memoryIo, type MemoryIo } from '../testing/memory-io.js';
import { createEventsCommand } from './events.js';

const NOW = Date.parse('2024-05-01T12:00:10.000Z');
const deps: LiveDeps = { ...defaultLiveDeps, now: () => NOW, hostname: () => 'r1' };

async function watching(io: MemoryIo): Promise<void> {
  for (let i = 0; i < 200 && !io.err().includes('watching '); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('routerctl › events against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: server.url, name: 'routerctl-test-publisher' });
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  it('routerctl › prints one line per event, a bad message as BAD, skips requests and other nodes', async () => {
    const io = memoryIo();
    const run = createEventsCommand(deps).run(['--nats', server.url, '--node', 'r1', '--count', '5'], io);
    await watching(io);
    expect(io.err()).toBe(`watching routerd.r1.> on ${server.url}\n`);
    nc.publish('routerd.r1.syncer.status', '');
    nc.publish(vipSubject('r2', 'lan-vip'), encode(vipRoleEventSchema, { ...sampleVipRoleEvent, node: 'r2' }, 'x'));
    nc.publish(vipSubject('r1', 'lan-vip'), JSON.stringify(sampleVipRoleEvent));
    nc.publish(leaseSubject('r1', 'DHCPv4Server', 'lan-dhcpv4'), JSON.stringify(sampleLeaseFileEvent));
    nc.publish(vipSubject('r1', 'lan-vip'), '{"type":"vip.role","role":"boss"}');
    nc.publish(syncSubject('r1', 'DHCPv4ServerLeaseSync', 'lan-v4-leases'), JSON.stringify(sampleSyncStatus));
    nc.publish(vipSubject('r1', 'lan-vip'), JSON.stringify({ ...sampleVipRoleEvent, node: 'r2' }));
    expect(await run).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('2024-05-01T12:00:01.250Z r1 vip    VirtualAddress/lan-vip role=master address=192.0.2.1 ifname=eth1');
    expect(lines[1]).toMatch(/^2024-05-01T12:00:01\.300Z r1 lease {2}DHCPv4Server\/lan-dhcpv4 sha=e3b0c44298fc v4=3 v6=2 /);
    expect(lines[2]).toMatch(/^2024-05-01T12:00:10\.000Z BAD {4}routerd\.r1\.vip\.lan-vip: bad message on "routerd\.r1\.vip\.lan-vip": expected JSON matching BusEvent, found /);
    expect(lines[3]).toMatch(/ r1 sync {3}DHCPv4ServerLeaseSync\/lan-v4-leases phase=Synced lag=450ms targets=1\/1$/);
    // A payload that claims another node than its subject: what the agents ignore is shown as BAD.
    expect(lines[4]).toBe('2024-05-01T12:00:10.000Z BAD    routerd.r1.vip.lan-vip: message on "routerd.r1.vip.lan-vip" ignored: node: expected "r1" (the subject\'s node), found "r2"');
  });

  it('routerctl › --all-nodes -o json prints each event of every node as one JSON line', async () => {
    const io = memoryIo();
    const run = createEventsCommand(deps).run(['--nats', server.url, '--all-nodes', '-o', 'json', '--count', '2'], io);
    await watching(io);
    expect(io.err()).toBe(`watching routerd.*.> on ${server.url}\n`);
    nc.publish(vipSubject('r2', 'lan-vip'), JSON.stringify({ ...sampleVipRoleEvent, node: 'r2' }));
    nc.publish(syncSubject('r1', 'DHCPv4ServerLeaseSync', 'lan-v4-leases'), JSON.stringify(sampleSyncStatus));
    expect(await run).toBe(0);
    expect(io.out().trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([{ ...sampleVipRoleEvent, node: 'r2' }, sampleSyncStatus]);
  });

  it('routerctl › an interrupt ends the watch with exit 0', async () => {
    let fire = (): void => undefined;
    const interrupt = (): Interrupt => ({ promise: new Promise<string>((resolve) => (fire = () => resolve('SIGINT'))), dispose: () => undefined });
    const io = memoryIo();
    const run = createEventsCommand({ ...deps, interrupt }).run(['--nats', server.url, '--node', 'r1'], io);
    await watching(io);
    fire();
    expect(await run).toBe(0);
  });

  it('routerctl › losing the server is exit 3 (NATS unreachable) naming the URL', async () => {
    const io = memoryIo();
    const outcome = createEventsCommand(deps)
      .run(['--nats', server.url, '--node', 'r1'], io)
      .then((code) => code, (error: unknown) => error);
    await watching(io);
    await server.stop();
    expect(await outcome).toBeInstanceOf(NatsUnreachableError);
    expect(((await outcome) as Error).message).toBe(`lost the connection to NATS at ${server.url} while watching routerd.r1.>`);
    expect(((await outcome) as NatsUnreachableError).exitCode).toBe(3);
    await server.start();
  });

  it('routerctl › bad flags name the flag and what was found', async () => {
    await expect(createEventsCommand(deps).run(['--count', '0'], memoryIo())).rejects.toThrow('expected --count to be a positive whole number, found "0"');
    await expect(createEventsCommand(deps).run(['--node', 'r1', '--all-nodes'], memoryIo())).rejects.toThrow('expected --node or --all-nodes, found both');
  });
});
