import { access, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TestkitOptionError } from './errors.js';
import { startSshd } from './sshd.js';
import { isAlive } from './process-tree.js';
import type { Sshd } from './sshd.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

function ssh(server: Sshd, ...command: string[]) {
  return execa('ssh', [...server.sshOptions, `${server.user}@${server.host}`, ...command], { reject: false, stdin: 'ignore', timeout: 20_000 });
}

function rsync(server: Sshd, source: string, destination: string) {
  const remoteShell = ['ssh', ...server.sshOptions].join(' ');
  return execa('rsync', ['-a', '--delay-updates', '-e', remoteShell, source, `${server.user}@${server.host}:${destination}`], {
    reject: false,
    stdin: 'ignore',
    timeout: 20_000,
  });
}

describe('startSshd as root', () => {
  let server: Sshd;
  let work = '';
  beforeAll(async () => {
    server = await startSshd();
    work = await makeTempDir('sshd-test');
  }, 30_000);
  afterAll(async () => {
    await server.cleanup();
    await removeTempDir(work);
  }, 30_000);

  it('sshd › runs `ssh ... true` with the returned options', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.user).toBe('root');
    const result = await ssh(server, 'true');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  }, 30_000);

  it('sshd › checks the host key strictly against the prepared known_hosts', async () => {
    const knownHosts = await readFile(server.knownHostsFile, 'utf8');
    expect(knownHosts).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${server.port} ssh-ed25519 \\S+\\n$`));
    const wrong = join(work, 'wrong_known_hosts');
    await writeFile(wrong, knownHosts.replace(/ssh-ed25519 \S+/, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDyf8gXqCy6E0tmIbiYwB7m1K2w8qmnqHgTqvCv6R3ew'));
    const options = server.sshOptions.map((option) => (option.startsWith('UserKnownHostsFile=') ? `UserKnownHostsFile=${wrong}` : option));
    const result = await execa('ssh', [...options, 'root@127.0.0.1', 'true'], { reject: false, stdin: 'ignore' });
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  }, 30_000);

  it('sshd › carries an rsync with --delay-updates', async () => {
    const source = join(work, 'dnsmasq.leases');
    await writeFile(source, '1795649019 02:00:00:00:30:11 192.0.2.131 * *\n');
    const destination = join(work, 'remote', 'dnsmasq.leases');
    await mkdir(join(work, 'remote'));
    const result = await rsync(server, source, destination);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await readFile(destination, 'utf8')).toBe(await readFile(source, 'utf8'));
  }, 30_000);

  it('sshd › stop refuses connections and leaves no process; start serves again on the same port', async () => {
    const { pid, port } = server;
    await server.stop();
    expect(isAlive(pid)).toBe(false);
    const down = await ssh(server, 'true');
    expect(down.exitCode).toBe(255);
    expect(down.stderr).toMatch(/Connection refused/);
    await server.start();
    expect(server.port).toBe(port);
    expect(server.pid).not.toBe(pid);
    expect((await ssh(server, 'true')).exitCode).toBe(0);
  }, 30_000);

  it('sshd › stop also ends sessions in progress', async () => {
    const session = ssh(server, 'sleep', '30');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = Date.now();
    await server.stop();
    const result = await session;
    expect(result.exitCode).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await server.start();
  }, 30_000);
});

describe('startSshd with a dedicated user and bind mounts', () => {
  let work = '';
  let server: Sshd;
  let activeDir = '';
  let standbyDir = '';
  beforeAll(async () => {
    work = await makeTempDir('sshd-mounts');
    activeDir = join(work, 'active', 'var', 'lib', 'routerd', 'dnsmasq');
    standbyDir = join(work, 'standby', 'var', 'lib', 'routerd', 'dnsmasq');
    await mkdir(activeDir, { recursive: true, mode: 0o755 });
    await mkdir(standbyDir, { recursive: true, mode: 0o755 });
    // The target user needs o+x on every parent, and write on the dir itself (rsync's temp file).
    await chmod(work, 0o755);
    server = await startSshd({ user: 'routerd-testkit', bindMounts: [{ source: standbyDir, target: activeDir }] });
    await execa('chown', ['routerd-testkit', standbyDir]);
  }, 60_000);
  afterAll(async () => {
    await server.cleanup();
    await removeTempDir(work);
  }, 30_000);

  it('sshd › logs in as the dedicated user', async () => {
    const result = await ssh(server, 'id', '-un');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('routerd-testkit');
  }, 30_000);

  it('sshd › a file sent to the target path lands in the source dir, not in the host target', async () => {
    const source = join(work, 'dnsmasq.leases');
    await writeFile(source, '1795649019 02:00:00:00:30:11 192.0.2.131 * *\n');
    const result = await rsync(server, source, join(activeDir, 'dnsmasq.leases'));
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await readFile(join(standbyDir, 'dnsmasq.leases'), 'utf8')).toBe(await readFile(source, 'utf8'));
    await expect(access(join(activeDir, 'dnsmasq.leases'))).rejects.toThrow(/ENOENT/);
    const seen = await ssh(server, 'cat', join(activeDir, 'dnsmasq.leases'));
    expect(seen.stdout).toBe('1795649019 02:00:00:00:30:11 192.0.2.131 * *');
  }, 30_000);
});

describe('startSshd options', () => {
  it('sshd › rejects a user name that could be read as an option', async () => {
    await expect(startSshd({ user: '-oProxyCommand=x' })).rejects.toThrow(
      new TestkitOptionError(
        'Expected the `user` option to be a user name like "routerd" ([a-z_][a-z0-9_-]*, 32 chars at most), got "-oProxyCommand=x"',
      ),
    );
  });

  it('sshd › rejects bind mounts that are relative or missing', async () => {
    await expect(startSshd({ bindMounts: [{ source: 'standby', target: '/tmp' }] })).rejects.toThrow(
      'Expected bindMounts[0].source to be an absolute path, got "standby"',
    );
    await expect(startSshd({ bindMounts: [{ source: '/nonexistent-routerd', target: '/tmp' }] })).rejects.toThrow(
      'Expected bindMounts[0].source to exist, found nothing at /nonexistent-routerd',
    );
    await expect(startSshd({ bindMounts: [{ source: '/tmp', target: '/nonexistent-routerd' }] })).rejects.toThrow(
      'Expected bindMounts[0].target to be an existing directory like its source, found nothing at /nonexistent-routerd',
    );
  });
});
