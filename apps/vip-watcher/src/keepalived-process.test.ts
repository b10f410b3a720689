import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkKeepalived } from './keepalived-process.js';
import { tempDir } from './testing/fixtures.js';

describe('vip-watcher › keepalived process check', () => {
  let dir: ReturnType<typeof tempDir>;
  let procDir: string;
  let pidFile: string;
  beforeEach(() => {
    dir = tempDir();
    procDir = join(dir.path, 'proc');
    pidFile = join(dir.path, 'keepalived.pid');
    mkdirSync(join(procDir, '4242'), { recursive: true });
    writeFileSync(join(procDir, '4242', 'comm'), 'keepalived\n');
    mkdirSync(join(procDir, '777'), { recursive: true });
    writeFileSync(join(procDir, '777', 'comm'), 'sshd\n');
  });
  afterEach(() => dir.remove());

  it('vip-watcher › running: the pid file names a live keepalived', async () => {
    writeFileSync(pidFile, '4242\n');
    expect(await checkKeepalived({ pidFile, procDir })).toEqual({ state: 'running', pid: 4242 });
  });

  it('vip-watcher › stopped: no pid file', async () => {
    expect(await checkKeepalived({ pidFile, procDir })).toEqual({ state: 'stopped', detail: `no pid file ${pidFile}` });
  });

  it('vip-watcher › stopped: a stale pid file whose process is gone', async () => {
    writeFileSync(pidFile, '999999\n');
    expect(await checkKeepalived({ pidFile, procDir })).toEqual({ state: 'stopped', detail: `pid 999999 from ${pidFile} is not running` });
  });

  it('vip-watcher › stopped: the pid was reused by another program', async () => {
    writeFileSync(pidFile, '777');
    expect(await checkKeepalived({ pidFile, procDir })).toEqual({ state: 'stopped', detail: `pid 777 from ${pidFile} is "sshd", not keepalived` });
  });

  it('vip-watcher › unknown: a pid file that holds no pid', async () => {
    writeFileSync(pidFile, 'hello\n');
    expect(await checkKeepalived({ pidFile, procDir })).toEqual({
      state: 'unknown',
      reason: `keepalived pid file ${pidFile}: expected a process id, found "hello"`,
    });
  });

  it('vip-watcher › unknown: a pid file that cannot be read', async () => {
    mkdirSync(pidFile);
    const result = await checkKeepalived({ pidFile, procDir });
    expect(result).toMatchObject({ state: 'unknown', reason: expect.stringContaining(`cannot read keepalived pid file ${pidFile}: EISDIR`) });
    chmodSync(pidFile, 0o755);
  });

  it('vip-watcher › reads the real /proc by default', async () => {
    writeFileSync(pidFile, String(process.pid));
    expect(await checkKeepalived({ pidFile })).toEqual({ state: 'stopped', detail: `pid ${process.pid} from ${pidFile} is "node", not keepalived` });
  });
});
