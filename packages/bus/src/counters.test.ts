import { describe, expect, it } from 'vitest';
import { createBusCounters } from './counters.js';

describe('counters', () => {
  it('counters › start at zero', () => {
    expect(createBusCounters().snapshot()).toEqual({ received: 0, bad: 0, handlerErrors: 0 });
  });

  it('counters › count bad messages and remember the last one', () => {
    const counters = createBusCounters();
    counters.received += 2;
    counters.countBad('routerd.r1.vip.a', new Error('first'), new Date('2024-05-01T12:00:00Z'));
    counters.countBad('routerd.r1.vip.b', new Error('second'), new Date('2024-05-01T12:00:01Z'));
    const snapshot = counters.snapshot();
    expect(snapshot).toEqual({
      received: 2,
      bad: 2,
      handlerErrors: 0,
      lastBad: { subject: 'routerd.r1.vip.b', error: 'second', at: '2024-05-01T12:00:01.000Z' },
    });
    counters.countBad('x', new Error('third'));
    expect(snapshot.lastBad?.error).toBe('second');
  });
});
