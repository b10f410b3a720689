import { planSyncs, type RouterConfig } from '@routerd/model';
import { readFileSync } from 'node:fs';
import { startProcess, stopProcess, waitUntil, type StartedProcess } from '@routerd/testkit';
import type { CommandResult, RunCommand } from '@routerd/agent';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStaleMaster, masterControlArgv, type MasterProcesses } from './ssh-masters.js';

const config = {
  resources: [
    { apiVersion: 'net.routerd.net/v1alpha1', kind: 'DHCPv4Server', metadata: { name: 'lan' }, spec: { leaseTime: '12h' } },
    {
      apiVersion: 'net.routerd.net/v1alpha1',
      kind: 'DHCPv4ServerLeaseSync',
      metadata: { name: 'lan-leases' },
      spec: {
        source: { resource: 'DHCPv4Server/lan' },
        interval: '30s',
        command: 'rsync',
        targets: [
          { host: 'standby.example', user: 'routerd', sshOptions: ['-p', '2222'] },
          { host: 'other.example', sshOptions: ['-o', 'ControlMaster=no'] },
        ],
      },
    },
  ],
} as unknown as RouterConfig;

const [job] = planSyncs(config, { dirs: { stateDir: '/var/lib/routerd', runtimeDir: '/run/routerd' } });
const reusing = job!.targets[0]!;
const MUX_TITLE = 'ssh: /run/routerd/ssh/0123456789abcdef [mux]';

/** A fake ssh: `-O check` answers with `checkOutput`, every request is recorded as its last three words. */
function fakeSsh(checkOutput: string, onExit: () => void = () => undefined) {
  const requests: string[] = [];
  const run: RunCommand = async (argv) => {
    requests.push(argv.slice(-3).join(' '));
    const done = (r: Partial<CommandResult>): CommandResult => ({ exitCode: 0, output: '', durationMs: 1, timedOut: false, aborted: false, ...r });
    if (argv.at(-2) === 'check') return done(checkOutput.startsWith('Master') ? { output: checkOutput } : { exitCode: 255, output: checkOutput });
    onExit();
    return done({ output: 'Exit request sent.' });
  };
  return { run, requests };
}

let started: StartedProcess | undefined;
afterEach(async () => {
  if (started) await stopProcess(started, 100);
  started = undefined;
});

describe('ssh-masters', () => {
  it('syncer › asks the master of a reusing target to exit, with the same ssh options', () => {
    const argv = masterControlArgv(reusing, 'exit');
    expect(argv?.slice(-3)).toEqual(['-O', 'exit', 'routerd@standby.example']);
    expect(argv).toContain('ControlPath=/run/routerd/ssh/%C');
    expect(argv).toContain('2222');
    expect(masterControlArgv(reusing, 'check')?.slice(-3)).toEqual(['-O', 'check', 'routerd@standby.example']);
  });

  it('syncer › leaves alone a target that does not reuse connections', async () => {
    expect(masterControlArgv(job!.targets[1]!, 'exit')).toBeUndefined();
    const ssh = fakeSsh('Master running (pid=4242)');
    expect(await closeStaleMaster(job!.targets[1]!, ssh.run)).toEqual({ ended: false, detail: 'other.example: no connection reuse, no master to close' });
    expect(ssh.requests).toEqual([]);
  });

  it('syncer › no master running: nothing to close', async () => {
    const ssh = fakeSsh('Control socket connect(/run/routerd/ssh/0123): No such file or directory');
    expect(await closeStaleMaster(reusing, ssh.run)).toEqual({ ended: false, detail: 'standby.example: no master running' });
    expect(ssh.requests).toEqual(['-O check routerd@standby.example']);
  });

  it('syncer › a master that exits on request is not signalled', async () => {
    let alive = true;
    const signals: string[] = [];
    const procs: MasterProcesses = { cmdline: async () => (alive ? `${MUX_TITLE}\0` : undefined), kill: (_pid, signal) => signals.push(signal) };
    const ssh = fakeSsh('Master running (pid=4242)\r\n', () => (alive = false));
    expect(await closeStaleMaster(reusing, ssh.run, procs)).toEqual({ ended: true, detail: 'standby.example: master pid 4242 exited on request' });
    expect(ssh.requests).toEqual(['-O check routerd@standby.example', '-O exit routerd@standby.example']);
    expect(signals).toEqual([]);
  });

  it('syncer › a wedged master that ignores the exit request and SIGTERM is killed', async () => {
    // A real process titled as ssh titles a master, ignoring SIGTERM as a wedged one would not exit on it.
    started = startProcess('fake master', ['bash', '-c', `trap '' TERM; exec -a '${MUX_TITLE}' sleep 60`]);
    const pid = started.pid;
    // Until bash has exec'd, its command line is still bash's: a busy machine showed that window.
    await waitUntil(() => readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(MUX_TITLE), { what: 'the fake master titled', timeoutMs: 5000 });
    const ssh = fakeSsh(`Master running (pid=${started.pid})`);
    expect(await closeStaleMaster(reusing, ssh.run)).toEqual({ ended: true, detail: `standby.example: master pid ${started.pid} did not exit on request, ended with SIGKILL` });
    expect(await started.exited).toEqual({ exitCode: undefined, signal: 'SIGKILL' });
  });

  it('syncer › a pid that is no longer an ssh master (reused) is never signalled', async () => {
    started = startProcess('not a master', ['sleep', '60']);
    const ssh = fakeSsh(`Master running (pid=${started.pid})`);
    expect(await closeStaleMaster(reusing, ssh.run)).toEqual({ ended: false, detail: `standby.example: pid ${started.pid} is no longer our ssh master, left alone` });
    expect(started.hasExited()).toBe(false);
  });
});
