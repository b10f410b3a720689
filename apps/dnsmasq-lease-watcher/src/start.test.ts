// Integration: the real bootstrap (agentMain), a real nats-server, real files.
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMain } from '@routerd/agent';
import { leaseFileEventSchema, leaseWatcherFilesEndpoint, type LeaseFileEvent } from '@routerd/bus';
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, ServiceError, type NatsConnection, type Subscription } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLeaseWatcher } from './start.js';
import { testConfigText } from './testing/config.js';
import { fixture, rewriteInPlace, waitFor } from './testing/helpers.js';

const NODE = 'router-a';

describe('lease-watcher › over a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let root: string;
  let leasePath: string;
  let configPath: string;
  let sub: Subscription;
  const received: { subject: string; event: LeaseFileEvent }[] = [];
  const signals = new EventEmitter();
  const logs: Record<string, unknown>[] = [];
  let running: Promise<number>;

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: server.url });
    root = await mkdtemp(join(tmpdir(), 'lease-watcher-it-'));
    await mkdir(join(root, 'state', 'dnsmasq'), { recursive: true });
    leasePath = join(root, 'state', 'dnsmasq', 'dnsmasq.leases');
    await writeFile(leasePath, fixture('dnsmasq.leases.final'));
    configPath = join(root, 'router.yaml');
    await writeFile(configPath, testConfigText());

    sub = nc.subscribe(`routerd.${NODE}.lease.>`);
    void (async () => {
      for await (const msg of sub) {
        received.push({ subject: msg.subject, event: leaseFileEventSchema.parse(JSON.parse(new TextDecoder().decode(msg.data))) });
      }
    })();
    await nc.flush();

    running = agentMain({ name: 'lease-watcher', start: (context) => startLeaseWatcher(context) }, {
      argv: ['--config', configPath, '--nats', server.url, '--node', NODE],
      env: { ROUTERD_STATE_DIR: join(root, 'state'), ROUTERD_RUNTIME_DIR: join(root, 'run') },
      hostname: 'ignored',
      stdout: { write: () => true },
      stderr: { write: () => true },
      signals,
      logDestination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
    });
  }, 30_000);

  afterAll(async () => {
    signals.emit('SIGTERM');
    await running;
    sub?.unsubscribe();
    await nc.close();
    await server.cleanup();
    await rm(root, { recursive: true, force: true });
  }, 30_000);

  it('lease-watcher › publishes the first state, then a rewrite, on routerd.<node>.lease.<Kind>.<name>', async () => {
    const subject = `routerd.${NODE}.lease.DHCPv4Server.lan-dhcpv4`;
    await waitFor('the first state', () => received.length >= 1, 10_000);
    expect(received[0]).toMatchObject({ subject, event: { path: leasePath, exists: true, parsed: true, v4Count: 1, v6Count: 1 } });

    const handle = await open(leasePath, 'r+');
    const before = received.length;
    const writtenAt = Date.now();
    try {
      await rewriteInPlace(handle, fixture('dnsmasq.leases.mixed'));
    } finally {
      await handle.close();
    }
    await waitFor('the rewrite', () => received.length > before && received.at(-1)?.event.v4Count === 2);
    const event = received.at(-1)?.event;
    expect(event).toMatchObject({ type: 'lease.file', node: NODE, kind: 'DHCPv4Server', name: 'lan-dhcpv4', parsed: true, v6Count: 3 });
    // observedAt is when the first inotify event arrived, not when the read finished.
    expect(Date.parse(event?.observedAt ?? '')).toBeGreaterThanOrEqual(writtenAt - 5);
    expect(Date.parse(event?.observedAt ?? '')).toBeLessThan(writtenAt + 1000);
  });

  it('lease-watcher › the files endpoint answers with the current events, and is found by $SRV.PING', async () => {
    const reply = await nc.request(`routerd.${NODE}.lease-watcher.files`, new TextEncoder().encode('{}'), { timeout: 2000 });
    const response = leaseWatcherFilesEndpoint.response.parse(JSON.parse(new TextDecoder().decode(reply.data)));
    expect(response.node).toBe(NODE);
    expect(response.items.map((e) => `${e.kind}/${e.name}`)).toEqual(['DHCPv4Server/lan-dhcpv4']);
    expect(response.items[0]).toMatchObject({ v4Count: 2, v6Count: 3 });

    const ping = await nc.request('$SRV.PING.routerd-lease-watcher', undefined, { timeout: 2000 });
    expect(JSON.parse(new TextDecoder().decode(ping.data))).toMatchObject({ name: 'routerd-lease-watcher' });
  });

  it('lease-watcher › a bad request is answered with a 400 that says what was wrong', async () => {
    const reply = await nc.request(`routerd.${NODE}.lease-watcher.files`, new TextEncoder().encode('{"kind":"Interface"}'), { timeout: 2000 });
    const error = ServiceError.toServiceError(reply);
    expect(error?.code).toBe(400);
    expect(error?.message).toMatch(/^bad message on "routerd\.router-a\.lease-watcher\.files": expected JSON matching LeaseWatcherFilesRequest, found kind: /);
  });

  it('lease-watcher › SIGHUP re-derives the watched set: a new source publishes at once', async () => {
    await writeFile(configPath, testConfigText({ v6: true }));
    signals.emit('SIGHUP');
    await waitFor('the DHCPv6 source', () => received.some((r) => r.subject === `routerd.${NODE}.lease.DHCPv6Server.lan-dhcpv6`), 10_000);
    const v6 = received.find((r) => r.event.kind === 'DHCPv6Server')?.event;
    expect(v6).toMatchObject({ path: leasePath, parsed: true, v6Count: 3 });
  });

  it('lease-watcher › SIGTERM stops the watcher and the service, and exits 0', async () => {
    signals.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(logs.map((l) => l['msg'])).toEqual(expect.arrayContaining(['lease-watcher stopped', 'NATS connection drained']));
    await expect(nc.request(`routerd.${NODE}.lease-watcher.files`, undefined, { timeout: 300 })).rejects.toThrow();
  });
});
