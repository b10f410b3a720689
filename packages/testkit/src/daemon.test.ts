import { describe, expect, it } from 'vitest';

import { spawnDaemon, stopDaemon } from './daemon.js';
import { ComponentStartError } from './errors.js';
import { descendants, isAlive } from './process-tree.js';
import { waitFor } from './wait.js';

describe('daemon', () => {
  it('daemon › runs in its own process group and stops with it', async () => {
    const daemon = spawnDaemon('sleeper', 'sleep', ['30']);
    expect(isAlive(daemon.pid)).toBe(true);
    await stopDaemon(daemon);
    expect(daemon.hasExited()).toBe(true);
    expect(isAlive(daemon.pid)).toBe(false);
  });

  it('daemon › also stops descendants that left the group (setsid), like sshd sessions', async () => {
    const daemon = spawnDaemon('forker', '/bin/sh', ['-c', 'setsid sleep 30 & wait']);
    const [grandchild] = await waitFor('the setsid child', async () => {
      const found = await descendants(daemon.pid);
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 5000, intervalMs: 20 });
    expect(grandchild).toBeDefined();
    await stopDaemon(daemon);
    expect(isAlive(grandchild ?? 0)).toBe(false);
  });

  it('daemon › SIGKILLs a process that ignores SIGTERM after the grace period', async () => {
    const daemon = spawnDaemon('stubborn', '/bin/sh', ['-c', 'trap "" TERM; while :; do sleep 0.05; done']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await stopDaemon(daemon, 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(isAlive(daemon.pid)).toBe(false);
  });

  it('daemon › reports an executable that does not exist', () => {
    expect(() => spawnDaemon('ghost', '/nonexistent/routerd-ghost', [])).toThrow(
      new ComponentStartError('ghost', 'could not spawn /nonexistent/routerd-ghost'),
    );
  });
});
