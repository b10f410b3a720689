// @routerd/testkit: real components for tests, the lab and the bench, each in its own temp dir on loopback;
// and the helpers around them: bounded waits, network namespaces, processes by PID.
// Pattern: `const s = await startSshd(); afterAll(() => s.cleanup());` (stop()/start() in between).

export { ComponentStartError, TestkitOptionError } from './errors.js';
export { startNatsServer } from './nats-server.js';
export type { NatsServer, NatsServerOptions } from './nats-server.js';
export { startSshd } from './sshd.js';
export type { Sshd, SshdOptions } from './sshd.js';
export type { BindMount } from './bind-mounts.js';
export { ensureUser } from './system-user.js';
export { freePort } from './tcp.js';

// --- waits, namespaces, processes ---
export { notYet, NotYet, sleep, WaitAbort, waitFor, WaitTimeoutError, waitUntil } from './wait.js';
export type { Probe, WaitOptions } from './wait.js';
export { createNetns, deleteNetns, hasAddress, ip, listNetns, NetnsError, netnsPids } from './netns.js';
export type { TestNetns } from './netns.js';
export { startProcess, stopPid, stopProcess } from './process.js';
export type { ProcessExit, StartedProcess, StartOptions } from './process.js';
export { descendants, isAlive, killQuietly, processesMentioning } from './process-tree.js';
export type { ProcessEntry } from './process-tree.js';
