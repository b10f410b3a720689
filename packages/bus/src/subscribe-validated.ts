// A subscription that validates every message and never throws out of its loop: a bad message is counted and reported.
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { z } from 'zod';
import { decode } from './codec.js';
import { createBusCounters, type BusCounters } from './counters.js';
import { MessageHandlerError, SubscriptionError, type BadMessageError } from './errors.js';

export type BusProblem = BadMessageError | MessageHandlerError | SubscriptionError;

export interface SubscribeValidatedOptions<T> {
  /** Called for each valid message, in order; the next message waits for it. */
  onMessage: (value: T, msg: Msg) => void | Promise<void>;
  /** A bad payload, a failing onMessage, or the end of the subscription on an error. Must not throw (it is caught). */
  onBad: (problem: BusProblem, msg?: Msg) => void;
  counters?: BusCounters;
  queue?: string;
}

export interface ValidatedSubscription {
  subscription: Subscription;
  counters: BusCounters;
  /** Resolves when the subscription ends (unsubscribe, drain or close); never rejects. */
  done: Promise<void>;
}

function report(onBad: SubscribeValidatedOptions<unknown>['onBad'], problem: BusProblem, msg?: Msg): void {
  try {
    onBad(problem, msg);
  } catch {
    // A failing reporter must not end the loop.
  }
}

export function subscribeValidated<S extends z.ZodType>(
  nc: NatsConnection,
  subject: string,
  schema: S,
  options: SubscribeValidatedOptions<z.output<S>>,
): ValidatedSubscription {
  const counters = options.counters ?? createBusCounters();
  const subscription = nc.subscribe(subject, options.queue === undefined ? {} : { queue: options.queue });
  const loop = async (): Promise<void> => {
    try {
      for await (const msg of subscription) {
        counters.received += 1;
        const result = decode(schema, msg.data, msg.subject);
        if (!result.ok) {
          counters.countBad(msg.subject, result.error);
          report(options.onBad, result.error, msg);
          continue;
        }
        try {
          await options.onMessage(result.value, msg);
        } catch (cause) {
          counters.handlerErrors += 1;
          report(options.onBad, new MessageHandlerError(msg.subject, cause), msg);
        }
      }
    } catch (cause) {
      report(options.onBad, new SubscriptionError(subject, cause));
    }
  };
  return { subscription, counters, done: loop() };
}
