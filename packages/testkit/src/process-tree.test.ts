import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

import { descendants, isAlive, waitGone } from './process-tree.js';

describe('process tree', () => {
  it('process-tree › finds a child, sees it alive, then gone once it exits', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    expect(await descendants(process.pid)).toContain(pid);
    expect(await isAlive(pid)).toBe(true);
    child.kill('SIGTERM');
    await once(child, 'exit');
    expect(await waitGone([pid], 1000)).toBe(true);
    expect(await isAlive(pid)).toBe(false);
  });

  it('process-tree › waitGone reports a process that outlives the timeout', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      expect(await waitGone([child.pid ?? 0], 60)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
});
