// ssh connection reuse (lab: 311 ms per sync on a new connection, 64 ms reused): sockets under the runtime dir.
import { posix } from 'node:path';
import type { RuntimeDirs } from '../paths.js';
import { PlanError } from './errors.js';

// sun_path holds 107 bytes; ssh expands %C to 40 hex characters and first binds "<path>.<16 random>".
const MAX_SOCKET_BYTES = 107 - 17;
const HASH_BYTES = 40;

/** The directory of the ssh control sockets; the syncer creates it (mode 0700) before the first sync. */
export function sshControlDir(dirs: RuntimeDirs): string {
  return posix.join(dirs.runtimeDir, 'ssh');
}

/** ControlPath for ssh: "<runtimeDir>/ssh/%C"; throws PlanError when the socket path would not fit. */
export function sshControlPath(dirs: RuntimeDirs): string {
  const prefix = `${sshControlDir(dirs)}/`;
  const bytes = Buffer.byteLength(prefix) + HASH_BYTES;
  if (bytes > MAX_SOCKET_BYTES) {
    throw new PlanError(
      `ssh control sockets "${prefix}<40-character hash>" would be ${bytes} bytes, at most ${MAX_SOCKET_BYTES} fit: set ROUTERD_RUNTIME_DIR to a shorter path (found ${JSON.stringify(dirs.runtimeDir)}) or turn connection reuse off`,
    );
  }
  if (/[\s'"\\]/.test(prefix)) {
    throw new PlanError(
      `ssh cannot take a ControlPath with whitespace, quotes or backslashes: set ROUTERD_RUNTIME_DIR to a plain path (found ${JSON.stringify(dirs.runtimeDir)}) or turn connection reuse off`,
    );
  }
  return `${prefix}%C`;
}
