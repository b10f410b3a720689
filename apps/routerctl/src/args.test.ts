import { UsageError } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs, required } from './args.js';

const options = { file: { type: 'string', short: 'f' }, replace: { type: 'boolean' } } as const;

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('args', () => {
  it('args › parses short, long and inline values', () => {
    expect(parseCommandArgs('validate', ['-f', 'a.yaml', '--replace'], options, false).values).toEqual({ file: 'a.yaml', replace: true });
    expect(parseCommandArgs('validate', ['--file=-'], options, false).values).toEqual({ file: '-' });
    expect(parseCommandArgs('render', ['-f', '-', 'dnsmasq'], options, true).positionals).toEqual(['dnsmasq']);
  });

  it('args › names an unknown flag', () => {
    const error = usage(() => parseCommandArgs('validate', ['--bogus'], options, false));
    expect(error.message).toBe('unknown option "--bogus"');
    expect(error.command).toBe('validate');
    expect(usage(() => parseCommandArgs('validate', ['-x'], options, false)).message).toBe('unknown option "-x"');
  });

  it('args › names a flag whose value is missing', () => {
    expect(usage(() => parseCommandArgs('validate', ['-f'], options, false)).message).toBe('option -f, --file expects a value, found none');
    expect(usage(() => parseCommandArgs('validate', ['-f', '--replace'], options, false)).message).toBe(
      'option -f expects a value, found another option',
    );
  });

  it('args › refuses a value on a boolean flag and a stray argument', () => {
    expect(usage(() => parseCommandArgs('validate', ['--replace=yes'], options, false)).message).toBe('option --replace takes no value');
    expect(usage(() => parseCommandArgs('validate', ['extra'], options, false)).message).toBe('unexpected argument "extra"');
  });

  it('args › checks required values', () => {
    expect(usage(() => required('plan', '-f/--file', undefined)).message).toBe('missing required option -f/--file');
    expect(usage(() => required('plan', '-f/--file', '')).message).toBe('expected -f/--file to name a file or "-", found an empty string');
  });
});
