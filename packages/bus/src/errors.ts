// One class per failure mode on the bus.
import { errorMessage } from '@routerd/model';

/** A failure on one subject; the subclasses say which. */
export class BusError extends Error {
  override name = 'BusError';
  constructor(
    readonly subject: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A message received on `subject` is not JSON or does not match its schema. */
export class BadMessageError extends BusError {
  override name = 'BadMessageError';
}

/** A payload about to be published does not match its schema (a bug in the publisher). */
export class InvalidPayloadError extends BusError {
  override name = 'InvalidPayloadError';
}

/** A subscription handler threw while handling a valid message. */
export class MessageHandlerError extends BusError {
  override name = 'MessageHandlerError';
  constructor(subject: string, cause: unknown) {
    super(subject, `handler for a message on ${JSON.stringify(subject)} failed: ${errorMessage(cause)}`, { cause });
  }
}

/** The subscription itself failed (e.g. permission denied); no more messages arrive. */
export class SubscriptionError extends BusError {
  override name = 'SubscriptionError';
  constructor(subject: string, cause: unknown) {
    super(subject, `subscription to ${JSON.stringify(subject)} ended: ${errorMessage(cause)}`, { cause });
  }
}
