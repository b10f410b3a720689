import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { currentConfigPath, DEFAULT_CONFIG_PATH, describeOsError, readCurrent, readSource } from './input.js';
import { memoryIo } from './testing/memory-io.js';

describe('input', () => {
  it('input › picks --config, then $ROUTERD_CONFIG, then the default', () => {
    expect(currentConfigPath(memoryIo({ env: { ROUTERD_CONFIG: '/etc/r.yaml' } }), '/x.yaml')).toBe('/x.yaml');
    expect(currentConfigPath(memoryIo({ env: { ROUTERD_CONFIG: '/etc/r.yaml' } }), undefined)).toBe('/etc/r.yaml');
    expect(currentConfigPath(memoryIo({ env: { ROUTERD_CONFIG: '' } }), undefined)).toBe(DEFAULT_CONFIG_PATH);
  });

  it('input › reads a file relative to cwd and keeps the name as given', async () => {
    const io = memoryIo({ cwd: '/srv', files: { '/srv/a.yaml': 'x: 1\n' } });
    await expect(readSource(io, 'a.yaml')).resolves.toEqual({ file: 'a.yaml', text: 'x: 1\n' });
  });

  it('input › reads "-" from standard input as <stdin>', async () => {
    await expect(readSource(memoryIo({ stdin: '[]' }), '-')).resolves.toEqual({ file: '<stdin>', text: '[]' });
  });

  it('input › names the path and the OS error when a file cannot be read', async () => {
    const io = memoryIo({ files: { '/work/locked.yaml': { error: 'EACCES' } } });
    const error = await readSource(io, 'locked.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('cannot read locked.yaml: permission denied (EACCES)');
    expect((error as Error).cause).toBeDefined();
    await expect(readSource(io, 'missing.yaml')).rejects.toThrow('cannot read missing.yaml: no such file or directory (ENOENT)');
  });

  it('input › treats a missing current configuration as empty, an unreadable one as an error', async () => {
    await expect(readCurrent(memoryIo(), '/etc/none.yaml')).resolves.toBeUndefined();
    const io = memoryIo({ files: { '/etc/dir.yaml': { error: 'EISDIR' } } });
    await expect(readCurrent(io, '/etc/dir.yaml')).rejects.toThrow(
      'cannot read the current configuration /etc/dir.yaml: illegal operation on a directory (EISDIR)',
    );
  });

  it('input › describes errors that are not OS errors', () => {
    expect(describeOsError(new Error('boom'))).toBe('boom');
    const eisdir = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
    expect(describeOsError(eisdir)).toBe('illegal operation on a directory (EISDIR)');
    expect(describeOsError('text')).toBe('text');
  });
});
