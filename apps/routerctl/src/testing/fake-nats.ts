// A fake NATS connection for unit tests of the live commands: canned replies per subject.
import { headers, type ConnectionOptions } from 'nats';
import type { Connect, Interrupt, LiveConnection, LiveDeps, LiveMsg } from '../live/deps.js';

/** A reply body (serialized as JSON), a service error, or a NATS error code to throw ("503", "TIMEOUT"). */
export type FakeReply = { body: unknown } | { error: [code: number, message: string] } | { throw: string };

export interface FakeNats {
  deps: LiveDeps;
  /** Requests seen: subject and decoded body. */
  requests: { subject: string; body: unknown }[];
  connected: ConnectionOptions[];
  closed: number;
}

function msg(subject: string, reply: FakeReply): LiveMsg {
  if ('throw' in reply) throw Object.assign(new Error(reply.throw === '503' ? '503' : 'TIMEOUT'), { code: reply.throw });
  if ('error' in reply) {
    const h = headers();
    h.set('Nats-Service-Error-Code', String(reply.error[0]));
    h.set('Nats-Service-Error', reply.error[1]);
    return { subject, data: new Uint8Array(), headers: h };
  }
  return { subject, data: new TextEncoder().encode(JSON.stringify(reply.body)) } as LiveMsg;
}

/** Deps whose connect gives a connection answering from `replies`, at a fixed `now`. `connectError` fails the connect. */
export function fakeNats(replies: Record<string, FakeReply>, options: { now?: number; hostname?: string; connectError?: Error } = {}): FakeNats {
  const fake: FakeNats = { requests: [], connected: [], closed: 0, deps: undefined as unknown as LiveDeps };
  const nc: LiveConnection = {
    request: (subject, payload) => {
      fake.requests.push({ subject, body: JSON.parse(new TextDecoder().decode(payload)) as unknown });
      const reply = replies[subject] ?? { throw: '503' };
      try {
        return Promise.resolve(msg(subject, reply));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    subscribe: () => {
      throw new Error('fake-nats: subscribe is not faked; use a real nats-server');
    },
    close: () => {
      fake.closed += 1;
      return Promise.resolve();
    },
    drain: () => {
      fake.closed += 1;
      return Promise.resolve();
    },
    closed: () => Promise.resolve(),
    flush: () => Promise.resolve(),
  };
  const connect: Connect = (opts) => {
    fake.connected.push(opts);
    return options.connectError === undefined ? Promise.resolve(nc) : Promise.reject(options.connectError);
  };
  const interrupt = (): Interrupt => ({ promise: new Promise<string>(() => undefined), dispose: () => undefined });
  fake.deps = { connect, now: () => options.now ?? Date.parse('2024-05-01T12:00:10.000Z'), hostname: () => options.hostname ?? 'r1.lan.example', interrupt };
  return fake;
}
