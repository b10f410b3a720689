import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { countingRsyncScript, maxInFlight, parseRsyncLog, type RsyncRun } from './counting-rsync.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const run = (startMs: number, endMs: number, destination = 'h:/x'): RsyncRun => ({ pid: 1, startMs, endMs, exitCode: 0, sent: 1, received: 1, destination });

describe('counting-rsync', () => {
  it('counting-rsync › logs a real local rsync run with its totals and passes the exit code through', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdbench-test-'));
    dirs.push(dir);
    const wrapper = join(dir, 'counting-rsync');
    const log = join(dir, 'rsync.log');
    await writeFile(wrapper, countingRsyncScript('/usr/bin/rsync', log));
    await chmod(wrapper, 0o755);
    await writeFile(join(dir, 'src'), 'lease\n');
    const { stdout } = await promisify(execFile)(wrapper, ['-a', join(dir, 'src'), join(dir, 'dst')]);
    expect(stdout).toMatch(/Total bytes sent/);
    expect(await readFile(join(dir, 'dst'), 'utf8')).toBe('lease\n');
    const [entry, ...rest] = parseRsyncLog(await readFile(log, 'utf8'));
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ exitCode: 0, destination: join(dir, 'dst') });
    expect(entry!.sent).toBeGreaterThan(0);
    expect(entry!.endMs).toBeGreaterThanOrEqual(entry!.startMs);
    await expect(promisify(execFile)(wrapper, ['/nonexistent/rdbench', join(dir, 'dst2')])).rejects.toMatchObject({ code: 23 });
    expect(parseRsyncLog(await readFile(log, 'utf8'))[1]).toMatchObject({ exitCode: 23, sent: expect.any(Number) });
  });

  it('counting-rsync › counts the runs in flight per destination', () => {
    expect(maxInFlight([run(0, 10), run(10, 20), run(20, 30)], 'h:/x')).toBe(1);
    expect(maxInFlight([run(0, 10), run(5, 20), run(6, 7, 'other:/x')], 'h:/x')).toBe(2);
    expect(maxInFlight([], 'h:/x')).toBe(0);
  });

  it('counting-rsync › a bad log line and a relative path are named', () => {
    expect(() => parseRsyncLog('1 2 3 0 - - h:/x\nnonsense\n')).toThrow('rsync log line 2: expected "pid start end exit sent received destination", found "nonsense"');
    expect(parseRsyncLog('1 2 3 0 - - h:/x\n')[0]).toMatchObject({ sent: undefined, received: undefined });
    expect(() => countingRsyncScript('rsync', '/tmp/log')).toThrow('Expected rsync to be an absolute path, got "rsync"');
  });
});
