import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isSyncClient, killQuietly, processesMentioning } from './processes.js';
import { until } from './wait.js';

describe('system harness › processes', () => {
  it('system harness › finds a process by a text in its command line', async () => {
    const marker = `rd-marker-${process.pid}-${Date.now()}`;
    // The shell keeps its argv (the marker is $0) while it waits for sleep.
    const child = spawn('/bin/sh', ['-c', 'sleep 30; :', marker], { stdio: 'ignore', detached: true });
    try {
      const found = await until('the sleep child', async () => (await processesMentioning(marker)).find((p) => p.pid === child.pid));
      expect(found.cmdline).toBe(`/bin/sh -c sleep 30; : ${marker}`);
    } finally {
      // The whole group: the shell and its sleep.
      if (child.pid !== undefined) killQuietly(-child.pid);
    }
  });

  it('system harness › rsync and ssh clients and ControlMasters count; the standby rsync server does not', () => {
    expect(isSyncClient({ pid: 1, cmdline: 'rsync -a --delay-updates /tmp/rdsys-x/state/f 127.0.0.1:/tmp/rdsys-x/state/f' })).toBe(true);
    expect(isSyncClient({ pid: 1, cmdline: '/usr/bin/ssh -o ControlPath=/tmp/rdsys-x/run/ssh/%C root@127.0.0.1 rsync' })).toBe(true);
    expect(isSyncClient({ pid: 1, cmdline: 'ssh: /tmp/rdsys-x/run/ssh/0123abcd [mux]' })).toBe(true);
    expect(isSyncClient({ pid: 1, cmdline: 'rsync --server -logDtpre.iLsfxCIvu --delay-updates . /tmp/rdsys-x/state/f' })).toBe(false);
    expect(isSyncClient({ pid: 1, cmdline: 'node apps/syncer/dist/main.js --config /tmp/rdsys-x/router.yaml' })).toBe(false);
  });

  it('system harness › refuses a text too short to tell processes apart', async () => {
    await expect(processesMentioning('rd')).rejects.toThrow('processesMentioning: expected a distinctive text of 4 or more characters, got "rd"');
  });
});
