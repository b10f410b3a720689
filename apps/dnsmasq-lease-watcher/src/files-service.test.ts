// The files endpoint over a real nats-server: the watcher's current events, 400, 404 and a broken state.
import { leaseWatcherFilesEndpoint, type LeaseFileEvent } from '@routerd/bus';
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, ServiceError, type NatsConnection, type Service } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFilesService } from './files-service.js';
import { recordingLog } from './testing/helpers.js';

const event = (kind: LeaseFileEvent['kind'], name: string): LeaseFileEvent => ({
  type: 'lease.file',
  node: 'router-a',
  kind,
  name,
  path: '/var/lib/routerd/dnsmasq/dnsmasq.leases',
  exists: false,
  parsed: false,
  observedAt: '2024-05-01T12:00:00.000Z',
});

describe('lease-watcher › files service', () => {
  const events = [event('DHCPv4Server', 'lan-dhcpv4'), event('DHCPv6Server', 'lan-dhcpv6')];
  let current = events;
  const log = recordingLog();
  let server: NatsServer;
  let nc: NatsConnection;
  let service: Service;
  const request = async (body: string) => {
    const reply = await nc.request(leaseWatcherFilesEndpoint.subject('router-a'), new TextEncoder().encode(body), { timeout: 2000 });
    const error = ServiceError.toServiceError(reply);
    return error === null ? { data: JSON.parse(reply.string()) as unknown } : { error: [error.code, error.message] as const };
  };

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: server.url, name: 'lease-watcher-files-test' });
    service = await addFilesService({ nc, node: 'router-a', log, current: () => current });
  });

  afterAll(async () => {
    await service?.stop();
    await nc?.close();
    await server?.cleanup();
  });

  it('lease-watcher › answers every event, or those of one kind and name', async () => {
    expect(await request('')).toEqual({ data: { type: 'lease-watcher.files', node: 'router-a', items: events } });
    expect(await request('{"kind":"DHCPv6Server"}')).toEqual({ data: { type: 'lease-watcher.files', node: 'router-a', items: [events[1]] } });
  });

  it('lease-watcher › an unknown source is a 404, as on the other agents', async () => {
    expect(await request('{"kind":"DHCPv4Server","name":"wan-dhcpv4"}')).toEqual({
      error: [404, 'no DHCPv4Server/wan-dhcpv4 on node router-a; known: DHCPv4Server/lan-dhcpv4, DHCPv6Server/lan-dhcpv6'],
    });
  });

  it('lease-watcher › a bad request gets a 400 and a warning, a broken state a 500 and an error', async () => {
    const bad = await request('[1]');
    expect(bad.error?.[0]).toBe(400);
    expect(bad.error?.[1]).toMatch(/^bad message on "routerd\.router-a\.lease-watcher\.files": expected JSON matching LeaseWatcherFilesRequest, found \(message\): /);
    expect(log.messages('warn')).toHaveLength(1);

    current = [{ ...events[0], sha256: 'nope' } as LeaseFileEvent];
    const broken = await request('{}');
    expect(broken.error?.[0]).toBe(500);
    expect(broken.error?.[1]).toMatch(/^refusing to publish on "routerd\.router-a\.lease-watcher\.files": expected LeaseWatcherFilesResponse, found items\.0\.sha256: expected 64 lower-case hex digits/);
    expect(log.messages('error')[0]).toMatch(/^answering routerd\.router-a\.lease-watcher\.files failed: refusing to publish/);
  });
});
