// The status endpoint over a real nats-server: the promoter's statuses, the one reply shape and not-found rule.
import { dhcpPromoterStatusEndpoint, samplePromotionStatus } from '@routerd/bus';
import { startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, ServiceError, type NatsConnection, type Service } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatusService } from './status-service.js';
import { memoryLogger } from './testing/fakes.js';

const status = samplePromotionStatus;

describe('dhcp-promoter › status endpoint', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let service: Service;
  let statuses = [status];
  const request = (body: string) => nc.request(dhcpPromoterStatusEndpoint.subject('r1'), new TextEncoder().encode(body), { timeout: 2000 });
  const answer = async (body: string) => {
    const reply = await request(body);
    const error = ServiceError.toServiceError(reply);
    return error === null ? { ok: true, reply: JSON.parse(reply.string()) as unknown } : { ok: false, code: error.code, message: error.message };
  };

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: server.url, name: 'dhcp-promoter-status-test' });
    service = await startStatusService({ nc, node: 'r1', log: memoryLogger().log, statuses: () => statuses });
  });

  afterAll(async () => {
    await service?.stop();
    await nc?.close();
    await server?.cleanup();
  });

  it('dhcp-promoter › an empty body answers every promotion, a name one', async () => {
    expect(await answer('')).toEqual({ ok: true, reply: { type: 'dhcp-promoter.status', node: 'r1', items: [status] } });
    expect(await answer('{"name":"lan-dhcp"}')).toEqual({ ok: true, reply: { type: 'dhcp-promoter.status', node: 'r1', items: [status] } });
  });

  it('dhcp-promoter › bad requests and unknown names are answered with the expectation and what was found', async () => {
    expect(await answer('lan')).toEqual({ ok: false, code: 400, message: 'bad message on "routerd.r1.dhcp-promoter.status": expected JSON matching DhcpPromoterStatusRequest, found invalid JSON "lan"' });
    expect(await answer('{"nmae":"x"}')).toEqual({
      ok: false,
      code: 400,
      message: 'bad message on "routerd.r1.dhcp-promoter.status": expected JSON matching DhcpPromoterStatusRequest, found (message): Unrecognized key: "nmae"',
    });
    expect(await answer('{"name":"wan-dhcp"}')).toEqual({ ok: false, code: 404, message: 'no DHCPServerPromotion/wan-dhcp on node r1; known: lan-dhcp' });
    statuses = [];
    expect(await answer('{"name":"x"}')).toEqual({ ok: false, code: 404, message: 'no DHCPServerPromotion/x on node r1; known: none' });
  });
});
