import { describe, expect, it } from 'vitest';
import { runCommand } from './run-command.js';

import { readFileSync } from 'node:fs';

// A killed process whose new parent has not reaped it yet is a zombie: it no longer runs.
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('run-command', () => {
  it('run-command › returns exit code and output of a real program', async () => {
    const r = await runCommand(['sh', '-c', 'echo out; echo err >&2; exit 3'], { signal: new AbortController().signal, deadlineMs: 5000 });
    expect(r.exitCode).toBe(3);
    expect(r.output).toContain('out');
    expect(r.output).toContain('err');
    expect(r.timedOut).toBe(false);
  });

  it("run-command › runs as another user when asked (root only): its uid and gid alone, and its HOME", async () => {
    const as = { uid: 65534, gid: 65534, home: '/nonexistent' };
    const r = await runCommand(['sh', '-c', 'id -u; id -g; id -G; echo "$HOME"'], { signal: new AbortController().signal, deadlineMs: 5000, as });
    expect(r.output.split('\n')).toEqual(['65534', '65534', '65534', '/nonexistent']);
  });

  it('run-command › a spawn that fails at once (a user it may not switch to) settles as could not run, never hangs', async () => {
    // Node throws such a failure (EPERM without CAP_SETUID, an out-of-range uid) instead of emitting
    // 'error', and the child then emits nothing: the promoter's pull once waited on it forever.
    const as = { uid: 2 ** 31, gid: 0, home: '/' };
    const r = await runCommand(['id'], { signal: new AbortController().signal, deadlineMs: 1000, as });
    expect(r.exitCode).toBeUndefined();
    expect(r.error).toMatch(/^cannot run id: .*uid/);
  });

  it('run-command › kills the whole process group at the deadline', async () => {
    const r = await runCommand(['sh', '-c', 'sleep 30 & echo $!; wait'], { signal: new AbortController().signal, deadlineMs: 300, killGraceMs: 200 });
    expect(r.timedOut).toBe(true);
    const grandchild = Number(r.output.split('\n')[0]);
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it('run-command › an abort stops the command and says so', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const r = await runCommand(['sleep', '30'], { signal: ac.signal, deadlineMs: 10_000 });
    expect(r.aborted).toBe(true);
    expect(r.durationMs).toBeLessThan(5000);
  });

  it('run-command › a missing program is an error, not a throw', async () => {
    const r = await runCommand(['/nonexistent/rsync'], { signal: new AbortController().signal, deadlineMs: 1000 });
    expect(r.exitCode).toBeUndefined();
    expect(r.error).toMatch(/ENOENT|not found/);
  });

  it('run-command › keeps only the tail of long output', async () => {
    const r = await runCommand(['sh', '-c', 'seq 1 5000; echo the-end'], { signal: new AbortController().signal, deadlineMs: 5000 });
    expect(Buffer.byteLength(r.output)).toBeLessThanOrEqual(4096);
    expect(r.output.endsWith('the-end')).toBe(true);
  });

  // A daemon that keeps the command's stdout open: a `systemctl start` of a forking server, or ssh's
  // ControlMaster, which holds the stderr of every mux client. Its pid is on the first line.
  const DAEMON = 'setsid sleep 30 < /dev/null & echo $!';
  const stopDaemon = (output: string) => {
    const pid = Number(output.split('\n')[0]);
    if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
    return pid;
  };

  it('run-command › settles when the command exits, even while a daemonized child still holds its output', async () => {
    const r = await runCommand(['sh', '-c', `${DAEMON}; echo started`], { signal: new AbortController().signal, deadlineMs: 20_000 });
    const daemon = stopDaemon(r.output);
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, aborted: false });
    expect(r.output).toContain('started');
    // Settled while the daemon still ran: it did not wait for the pipe to close.
    expect(daemon).toBeGreaterThan(0);
  });

  it('run-command › a deadline is a deadline: a hung command settles as timed out though another session holds its pipes', async () => {
    const r = await runCommand(['sh', '-c', `${DAEMON}; sleep 30`], { signal: new AbortController().signal, deadlineMs: 300, killGraceMs: 200 });
    const daemon = stopDaemon(r.output);
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeUndefined();
    expect(daemon).toBeGreaterThan(0);
  });

  it('run-command › the next command runs after one whose daemon holds the pipes', async () => {
    const first = await runCommand(['sh', '-c', DAEMON], { signal: new AbortController().signal, deadlineMs: 20_000 });
    stopDaemon(first.output);
    const second = await runCommand(['echo', 'next'], { signal: new AbortController().signal, deadlineMs: 5000 });
    expect(second).toMatchObject({ exitCode: 0, output: 'next' });
  });
});
