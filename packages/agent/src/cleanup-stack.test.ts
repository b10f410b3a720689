import { describe, expect, it } from 'vitest';
import { createCleanupStack } from './cleanup-stack.js';

describe('cleanup stack', () => {
  it('cleanup stack › runs the steps last first, each once', async () => {
    const ran: string[] = [];
    const stack = createCleanupStack();
    stack.defer(() => void ran.push('monitor'));
    stack.defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push('fifo');
    });
    stack.defer(() => void ran.push('service'));
    await stack.unwind();
    await stack.unwind();
    expect(ran).toEqual(['service', 'fifo', 'monitor']);
  });

  it('cleanup stack › a failing step does not skip the others; its error is the rejection', async () => {
    const ran: string[] = [];
    const stack = createCleanupStack();
    stack.defer(() => void ran.push('first'));
    stack.defer(() => {
      throw new Error('cannot stop the monitor');
    });
    stack.defer(() => void ran.push('last'));
    await expect(stack.unwind()).rejects.toThrow(new Error('cannot stop the monitor'));
    expect(ran).toEqual(['last', 'first']);
  });

  it('cleanup stack › several failures reject with an AggregateError naming each', async () => {
    const stack = createCleanupStack();
    stack.defer(() => Promise.reject(new Error('a')));
    stack.defer(() => {
      throw new Error('b');
    });
    const error: unknown = await stack.unwind().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).message).toBe('2 stop steps failed: b; a');
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(['b', 'a']);
  });

  it('cleanup stack › a second unwind during the first waits for it', async () => {
    const ran: string[] = [];
    const stack = createCleanupStack();
    stack.defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      ran.push('slow');
    });
    const first = stack.unwind();
    await stack.unwind();
    expect(ran).toEqual(['slow']);
    await first;
  });
});
