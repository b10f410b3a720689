import { describe, expect, it } from 'vitest';

import { TestkitOptionError } from './errors.js';
import { checkUserName, ensureUser } from './system-user.js';

describe('system users', () => {
  it('system-user › accepts plain user names and rejects option-like or odd ones', () => {
    expect(checkUserName('routerd')).toBe('routerd');
    for (const bad of ['-oProxyCommand=x', 'Root', 'a b', '', 'x'.repeat(33), 42]) {
      expect(() => checkUserName(bad)).toThrow(TestkitOptionError);
    }
    expect(() => checkUserName('a;b')).toThrow(
      'Expected the `user` option to be a user name like "routerd" ([a-z_][a-z0-9_-]*, 32 chars at most), got "a;b"',
    );
  });

  it('system-user › leaves an existing user alone and returns its home', async () => {
    expect(await ensureUser('root')).toBe('/root');
  });
});
