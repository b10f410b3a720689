// One class per failure mode on the bus.
import { errorMessage } from '@routerd/model';

/** A message received on `subject` is not JSON or does not match its schema. */
export class BadMessageError extends Error {
  override name = 'BadMessageError';
  constructor(
    readonly subject: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A payload about to be published does not match its schema (a bug in the publisher). */
export class InvalidPayloadError extends Error {
  override name = 'InvalidPayloadError';
  constructor(
    readonly subject: string,
    message: string,
  ) {
    super(message);
  }
}

/** A subscription handler threw while handling a valid message. */
export class MessageHandlerError extends Error {
  override name = 'MessageHandlerError';
  constructor(
    readonly subject: string,
    cause: unknown,
  ) {
    super(`handler for a message on ${JSON.stringify(subject)} failed: ${errorMessage(cause)}`, { cause });
  }
}

/** The subscription itself failed (e.g. permission denied); no more messages arrive. */
export class SubscriptionError extends Error {
  override name = 'SubscriptionError';
  constructor(
    readonly subject: string,
    cause: unknown,
  ) {
    super(`subscription to ${JSON.stringify(subject)} ended: ${errorMessage(cause)}`, { cause });
  }
}
