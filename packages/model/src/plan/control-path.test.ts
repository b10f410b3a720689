import { describe, expect, it } from 'vitest';
import { sshControlDir, sshControlPath } from './control-path.js';
import { PlanError } from './errors.js';

const dirs = (runtimeDir: string) => ({ stateDir: '/var/lib/routerd', runtimeDir });

describe('sshControlPath', () => {
  it('control path › sockets live in <runtimeDir>/ssh', () => {
    expect(sshControlDir(dirs('/run/routerd'))).toBe('/run/routerd/ssh');
    expect(sshControlPath(dirs('/run/routerd'))).toBe('/run/routerd/ssh/%C');
  });

  it('control path › accepts a runtime dir whose socket path just fits', () => {
    const runtimeDir = `/${'r'.repeat(44)}`; // "/r…r/ssh/" is 50 bytes, plus the 40-byte hash
    expect(sshControlPath(dirs(runtimeDir))).toBe(`${runtimeDir}/ssh/%C`);
  });

  it('control path › refuses a runtime dir too long for a socket path', () => {
    const runtimeDir = `/${'r'.repeat(45)}`;
    expect(() => sshControlPath(dirs(runtimeDir))).toThrow(
      new PlanError(
        `ssh control sockets "${runtimeDir}/ssh/<40-character hash>" would be 91 bytes, at most 90 fit: set ROUTERD_RUNTIME_DIR to a shorter path (found "${runtimeDir}") or turn connection reuse off`,
      ),
    );
  });

  it('control path › refuses whitespace', () => {
    expect(() => sshControlPath(dirs('/tmp/my run'))).toThrow(
      'ssh cannot take a ControlPath with whitespace, quotes or backslashes: set ROUTERD_RUNTIME_DIR to a plain path (found "/tmp/my run") or turn connection reuse off',
    );
  });
});
