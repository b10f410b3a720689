// What the live commands need from the world: a NATS connect function, a clock, the host name, signals.
import type { ConnectionOptions, Msg } from 'nats';

/** The part of a NATS message the live commands read (a real `Msg` is one). */
export type LiveMsg = Pick<Msg, 'subject' | 'data' | 'headers'>;

/** The part of a NATS connection the live commands use (a real `NatsConnection` is one). */
export interface LiveConnection {
  request(subject: string, payload: Uint8Array, options: { timeout: number }): Promise<LiveMsg>;
  subscribe(subject: string): AsyncIterable<LiveMsg> & { unsubscribe(): void };
  close(): Promise<void>;
  /** Lets the subscriptions deliver what they hold, then closes (a watch that is interrupted). */
  drain(): Promise<void>;
  closed(): Promise<void | Error>;
  /** Resolves once the server has seen everything sent so far (subscriptions are live). */
  flush(): Promise<void>;
}

export type Connect = (options: ConnectionOptions) => Promise<LiveConnection>;

/** Resolves with the signal's name when the operator interrupts; `dispose` removes the handlers. */
export interface Interrupt {
  promise: Promise<string>;
  dispose(): void;
}

export interface LiveDeps {
  connect: Connect;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** The host name (the default node is its first label). */
  hostname: () => string;
  interrupt: () => Interrupt;
}
