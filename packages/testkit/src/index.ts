// @routerd/testkit: real components for integration tests, each in its own temp dir on loopback.
// Pattern: `const s = await startSshd(); afterAll(() => s.cleanup());` (stop()/start() in between).

export { ComponentStartError, TestkitOptionError } from './errors.js';
export { startNatsServer } from './nats-server.js';
export { startSshd } from './sshd.js';
export { ensureUser } from './system-user.js';
export { freePort } from './tcp.js';

export type { BindMount } from './bind-mounts.js';
export type { NatsServer, NatsServerOptions } from './nats-server.js';
export type { Sshd, SshdOptions } from './sshd.js';
