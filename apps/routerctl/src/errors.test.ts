import { UsageError } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';

describe('errors', () => {
  it('errors › carry their name, command and cause', () => {
    const usage = new UsageError('unknown option "-x"', { command: 'plan' });
    expect([usage.name, usage.command, usage.message]).toEqual(['UsageError', 'plan', 'unknown option "-x"']);
    const cause = new Error('EACCES');
    const input = new InputError('cannot read a.yaml', { cause });
    expect([input.name, input.cause]).toEqual(['InputError', cause]);
  });
});
