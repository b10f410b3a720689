import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

import { descendants, isAlive, killQuietly, processesMentioning, waitGone } from './process-tree.js';
import { waitFor } from './wait.js';

describe('process tree', () => {
  it('process-tree › finds a child, sees it alive, then gone once it exits', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    expect(await descendants(process.pid)).toContain(pid);
    expect(isAlive(pid)).toBe(true);
    child.kill('SIGTERM');
    await once(child, 'exit');
    expect(await waitGone([pid], 1000)).toBe(true);
    expect(isAlive(pid)).toBe(false);
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

describe('processes by command line', () => {
  it('process-tree › finds a process by a text in its command line, and killQuietly ends its group', async () => {
    const marker = `rd-marker-${process.pid}-${Date.now()}`;
    // The shell keeps its argv (the marker is $0) while it waits for sleep.
    const child = spawn('/bin/sh', ['-c', 'sleep 30; :', marker], { stdio: 'ignore', detached: true });
    const found = await waitFor('the sleep child', async () => (await processesMentioning(marker)).find((p) => p.pid === child.pid));
    expect(found.cmdline).toBe(`/bin/sh -c sleep 30; : ${marker}`);
    killQuietly(-(child.pid ?? 0));
    await once(child, 'exit');
    // The shell's fork for sleep carries the marker until its exec and is reaped by init, not by us:
    // it may outlive the shell's exit event for a moment under load.
    await waitFor('no process with the marker', async () => ((await processesMentioning(marker)).length === 0 ? true : undefined), { timeoutMs: 5_000 });
    expect(await processesMentioning(marker)).toEqual([]);
  });

  it('process-tree › refuses a text too short to tell processes apart; never signals itself', async () => {
    await expect(processesMentioning('rd')).rejects.toThrow('processesMentioning: expected a distinctive text of 4 or more characters, got "rd"');
    for (const pid of [0, -1, process.pid, -process.pid]) killQuietly(pid, 'SIGTERM');
    expect(isAlive(process.pid)).toBe(true);
  });
});
