import { describe, expect, it } from 'vitest';
import { BadMessageError, InvalidPayloadError, MessageHandlerError, SubscriptionError } from './errors.js';

describe('errors', () => {
  it('errors › each failure mode has its own name and keeps its subject', () => {
    expect(new BadMessageError('a.b', 'm').name).toBe('BadMessageError');
    expect(new InvalidPayloadError('a.b', 'm').name).toBe('InvalidPayloadError');
    expect(new MessageHandlerError('a.b', new Error('x')).subject).toBe('a.b');
    expect(new SubscriptionError('a.>', 'x').name).toBe('SubscriptionError');
  });

  it('errors › wrapped errors keep their cause and say what failed', () => {
    const cause = new Error('disk full');
    const error = new MessageHandlerError('routerd.r1.vip.lan-vip', cause);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('handler for a message on "routerd.r1.vip.lan-vip" failed: disk full');
    expect(new SubscriptionError('routerd.>', 'Permissions Violation').message).toBe('subscription to "routerd.>" ended: Permissions Violation');
  });
});
