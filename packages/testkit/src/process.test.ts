import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { ComponentStartError } from './errors.js';
import { startProcess, stopPid, stopProcess } from './process.js';
import { isAlive } from './process-tree.js';
import { sleep } from './wait.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function logFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'routerd-testkit-process-'));
  dirs.push(dir);
  return join(dir, 'p.log');
}

describe('process', () => {
  it('process › starts a process with its log file and stops it by pid', async () => {
    const log = await logFile();
    const p = startProcess('sleeper', ['/bin/sh', '-c', 'echo up; exec sleep 30'], { logFile: log });
    await sleep(200);
    expect(p.hasExited()).toBe(false);
    expect(await stopProcess(p)).toEqual({ exitCode: undefined, signal: 'SIGTERM' });
    expect(p.hasExited()).toBe(true);
    expect(await readFile(log, 'utf8')).toBe('up\n');
  });

  it('process › stopPid SIGKILLs a process that ignores SIGTERM after the grace period', async () => {
    const p = startProcess('stubborn', ['/bin/sh', '-c', 'trap "" TERM; while :; do sleep 0.05; done'], { group: true });
    await sleep(100);
    const started = Date.now();
    expect(await stopPid(p.pid, 300)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await p.exited).signal).toBe('SIGKILL');
    expect(isAlive(p.pid)).toBe(false);
    expect(await stopPid(p.pid)).toBe(true);
  });

  it('process › the environment given is the whole environment', async () => {
    const log = await logFile();
    const p = startProcess('env', ['/bin/sh', '-c', 'echo "$ROUTERD_X-${HOME:-none}"'], { logFile: log, env: { ROUTERD_X: 'x', PATH: '/usr/bin:/bin' } });
    expect(await p.exited).toEqual({ exitCode: 0, signal: undefined });
    expect(await readFile(log, 'utf8')).toBe('x-none\n');
  });

  it('process › reports an argv that cannot start', () => {
    expect(() => startProcess('ghost', ['/nonexistent/routerd-ghost'], { logFile: '/dev/null' })).toThrow(
      new ComponentStartError('ghost', 'could not spawn /nonexistent/routerd-ghost (see /dev/null)'),
    );
    expect(() => startProcess('nothing', [])).toThrow('startProcess(nothing): expected a non-empty argv, found []');
  });
});
