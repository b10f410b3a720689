import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startProcess, stopProcess } from './processes.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('processes', () => {
  it('processes › starts a process with its log file and stops it by pid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdbench-test-'));
    dirs.push(dir);
    const log = join(dir, 'p.log');
    const p = startProcess('sleeper', '/bin/sh', ['-c', 'echo up; exec sleep 30'], process.env, log);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(p.exited()).toBe(false);
    await stopProcess(p);
    expect(p.exited()).toBe(true);
    expect(await readFile(log, 'utf8')).toBe('up\n');
  });
});
