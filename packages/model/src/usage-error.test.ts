import { describe, expect, it } from 'vitest';
import { UsageError } from './usage-error.js';

describe('UsageError', () => {
  it('UsageError › carries the message, the command whose help applies, and the cause', () => {
    const cause = new Error('inner');
    const error = new UsageError('unknown option "-x"', { command: 'plan', cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UsageError');
    expect(error.message).toBe('unknown option "-x"');
    expect(error.command).toBe('plan');
    expect(error.cause).toBe(cause);
  });

  it('UsageError › without a command it is the top level', () => {
    expect(new UsageError('bad').command).toBe('');
  });
});
