import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { ComponentStartError } from './errors.js';
import { generateEd25519Key, knownHostsLine } from './ssh-keys.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

describe('ssh keys', () => {
  it('ssh-keys › generates a private ed25519 key and returns its public line', async () => {
    const dir = await makeTempDir('keys');
    try {
      const line = await generateEd25519Key(join(dir, 'id'), 'unit-test');
      expect(line).toMatch(/^ssh-ed25519 AAAA\S+ unit-test$/);
      expect((await stat(join(dir, 'id'))).mode & 0o777).toBe(0o600);
      await expect(generateEd25519Key(join(dir, 'missing', 'id'), 'x')).rejects.toThrow(ComponentStartError);
    } finally {
      await removeTempDir(dir);
    }
  });

  it('ssh-keys › writes a known_hosts line for a non-standard port without the comment', () => {
    expect(knownHostsLine('127.0.0.1', 2222, 'ssh-ed25519 AAAAkey host-comment')).toBe('[127.0.0.1]:2222 ssh-ed25519 AAAAkey');
  });
});
