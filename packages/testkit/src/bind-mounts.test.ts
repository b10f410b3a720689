import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

import { checkBindMounts, inMountNamespace } from './bind-mounts.js';
import { TestkitOptionError } from './errors.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

describe('bind mounts', () => {
  it('bind-mounts › passes paths as positional arguments, never inside the script', () => {
    const { file, args } = inMountNamespace([{ source: '/s dir', target: '/t;x' }], ['/usr/sbin/sshd', '-D']);
    expect(file).toBe('unshare');
    expect(args.slice(0, 5)).toEqual(['--mount', '--propagation', 'private', '--', '/bin/sh']);
    expect(args[6]).not.toContain('/s dir');
    expect(args.slice(7)).toEqual(['routerd-testkit-mounts', '/s dir', '/t;x', '--', '/usr/sbin/sshd', '-D']);
  });

  it('bind-mounts › shows the source at the target inside the namespace only', async () => {
    const dir = await makeTempDir('mounts');
    try {
      await writeFile(join(dir, 'source-file'), 'from source\n');
      await writeFile(join(dir, 'target-file'), 'from target\n');
      const mounts = await checkBindMounts([{ source: join(dir, 'source-file'), target: join(dir, 'target-file') }]);
      const { file, args } = inMountNamespace(mounts, ['/bin/cat', join(dir, 'target-file')]);
      expect((await execa(file, args)).stdout).toBe('from source');
      expect((await execa('cat', [join(dir, 'target-file')])).stdout).toBe('from target');
    } finally {
      await removeTempDir(dir);
    }
  });

  it('bind-mounts › rejects a bad list, a file over a directory and paths with newlines', async () => {
    await expect(checkBindMounts('x')).rejects.toThrow(
      new TestkitOptionError('Expected the `bindMounts` option to be an array of {source, target}, got "x"'),
    );
    await expect(checkBindMounts([{ source: '/etc/hostname', target: '/tmp' }])).rejects.toThrow(
      'Expected bindMounts[0].target to be an existing file like its source, found directory at /tmp',
    );
    await expect(checkBindMounts([{ source: '/tmp', target: '/tmp\nx' }])).rejects.toThrow(
      'Expected bindMounts[0].target to be an absolute path, got "/tmp\\nx"',
    );
  });
});
