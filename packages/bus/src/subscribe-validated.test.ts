import { type NatsServer, startNatsServer, waitUntil } from '@routerd/testkit';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from './codec.js';
import { createBusCounters } from './counters.js';
import { BadMessageError, MessageHandlerError } from './errors.js';
import { sampleVipRoleEvent } from './schemas/samples.js';
import { vipRoleEventSchema, type VipRoleEvent } from './schemas/vip-role-event.js';
import { subscribeValidated, type BusProblem } from './subscribe-validated.js';
import { vipSubject, vipWildcard } from './subjects.js';

describe('subscribeValidated', () => {
  let server: NatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer({ jetstream: false });
    nc = await connect({ servers: server.url, name: 'bus-test' });
  });

  afterAll(async () => {
    await nc?.close();
    await server?.cleanup();
  });

  it('subscribeValidated › bad JSON and bad payloads are reported and counted, never thrown; good ones flow in order', async () => {
    const received: VipRoleEvent[] = [];
    const problems: BusProblem[] = [];
    const counters = createBusCounters();
    const sub = subscribeValidated(nc, vipWildcard('r1'), vipRoleEventSchema, {
      onMessage: (event) => {
        received.push(event);
        if (event.seq === 3) throw new Error('handler broke');
      },
      onBad: (problem) => {
        problems.push(problem);
        if (problems.length === 1) throw new Error('a throwing onBad must not end the loop');
      },
      counters,
    });
    const subject = vipSubject('r1', 'lan-vip');
    nc.publish(subject, '{not json');
    nc.publish(subject, encode(vipRoleEventSchema, { ...sampleVipRoleEvent, seq: 1 }, subject));
    nc.publish(subject, JSON.stringify({ ...sampleVipRoleEvent, role: 'boss' }));
    nc.publish(subject, new Uint8Array([0xff, 0xfe, 0x00]));
    nc.publish(subject, encode(vipRoleEventSchema, { ...sampleVipRoleEvent, seq: 2 }, subject));
    nc.publish(subject, encode(vipRoleEventSchema, { ...sampleVipRoleEvent, seq: 3 }, subject));
    nc.publish(subject, encode(vipRoleEventSchema, { ...sampleVipRoleEvent, seq: 4 }, subject));
    await nc.flush();
    await waitUntil(() => received.length === 4);
    sub.subscription.unsubscribe();
    await sub.done;

    expect(received.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(problems.map((problem) => problem.name)).toEqual(['BadMessageError', 'BadMessageError', 'BadMessageError', 'MessageHandlerError']);
    expect(problems[0]).toBeInstanceOf(BadMessageError);
    expect(problems[0]?.message).toBe('bad message on "routerd.r1.vip.lan-vip": expected JSON matching VipRoleEvent, found invalid JSON "{not json"');
    expect(problems[1]?.message).toContain('found role: Invalid option');
    expect(problems[3]).toBeInstanceOf(MessageHandlerError);
    expect(problems[3]?.message).toBe('handler for a message on "routerd.r1.vip.lan-vip" failed: handler broke');
    expect(counters.snapshot()).toMatchObject({ received: 7, bad: 3, handlerErrors: 1, lastBad: { subject } });
  });

  it('subscribeValidated › done resolves when the connection drains', async () => {
    const other = await connect({ servers: server.url });
    const sub = subscribeValidated(other, 'routerd.drain.test', vipRoleEventSchema, { onMessage: () => {}, onBad: () => {} });
    await other.drain();
    await expect(sub.done).resolves.toBeUndefined();
  });
});

