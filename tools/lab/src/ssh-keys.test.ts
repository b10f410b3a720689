import { describe, expect, it } from 'vitest';
import { authorizedKeyArgv } from './ssh-keys.js';

describe('lab ssh keys', () => {
  it("lab ssh keys › each router's key line is routerctl's render for the peer's address and key, the router's config, the receiver and the router's node name", () => {
    const tools = { node: '/usr/bin/node', routerctl: '/repo/routerctl.js', receiver: '/repo/receiver.js' };
    expect(authorizedKeyArgv('r1', tools)).toEqual([
      '/usr/bin/node', '/repo/routerctl.js', 'render', 'authorized-keys',
      '--peer', '192.0.2.3', '--key', '/run/rdlab/r2/state/.ssh/id_ed25519.pub',
      '--config', '/run/rdlab/r1/etc/router.yaml', '--receiver', '/repo/receiver.js', '--node', 'router-a',
    ]);
    expect(authorizedKeyArgv('r2', tools).slice(4, 8)).toEqual(['--peer', '192.0.2.2', '--key', '/run/rdlab/r1/state/.ssh/id_ed25519.pub']);
  });
});
