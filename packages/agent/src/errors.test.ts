import { describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '@routerd/model';
import { ConfigReadError } from './errors.js';

describe('errors', () => {
  it('errors › each failure mode has its own name', () => {
    expect(new UsageError('x').name).toBe('UsageError');
    expect(new ConfigReadError('/a', new Error('x')).name).toBe('ConfigReadError');
    expect(new ConfigError([], { file: '/a', lines: [] }).name).toBe('ConfigError');
  });

  it('errors › ConfigReadError names the file and keeps the cause', () => {
    const cause = Object.assign(new Error("ENOENT: no such file or directory, open '/etc/r.yaml'"), { code: 'ENOENT' });
    const error = new ConfigReadError('/etc/r.yaml', cause);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(`cannot read configuration file "/etc/r.yaml": ENOENT: no such file or directory, open '/etc/r.yaml'`);
  });

  it('errors › ConfigError holds every diagnostic line', () => {
    const error = new ConfigError([], { file: '/etc/r.yaml', lines: ['/etc/r.yaml:3:5: a: bad', '/etc/r.yaml:9:1: b: worse'] });
    expect(error.message).toBe('invalid configuration file "/etc/r.yaml":\n/etc/r.yaml:3:5: a: bad\n/etc/r.yaml:9:1: b: worse');
    expect(error.lines).toHaveLength(2);
  });
});
