// The fetch within settle: peers pulled in turn with what is left of settle, what each failure reads as,
// a stale pulled copy that never passes for a new one, and a fetch stopped from outside.
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inboxPaths } from '@routerd/model';
import { describe, expect, it, vi } from 'vitest';
import { fetchPeerFiles, PULL_RETRY_MS, pullFailure } from './fetch-peer-files.js';
import { nodeInboxFs, SSH_USER_ENV } from './inbox.js';
import type { LeaseFilePlan } from './lease-file-plan.js';
import { fakeClock, fakeExec } from './testing/fakes.js';
import { memoryFs } from './testing/inbox.js';
import { LEASE_FILE, LIVE } from './testing/machine.js';

const TWO_PEERS: LeaseFilePlan = { ...LEASE_FILE, peers: [...LEASE_FILE.peers, { name: 'router-c', pullArgv: ['pull', 'router-c'] }] };
const paths = inboxPaths(LIVE);
const result = (exitCode: number | undefined, output = '', more = {}) => ({ exitCode, output, durationMs: 5, timedOut: false, aborted: false, ...more });

function setup() {
  const clock = fakeClock();
  const exec = fakeExec();
  const fs = memoryFs();
  const deps = { fs, clock, run: exec.run };
  return { clock, exec, fs, deps };
}

describe('dhcp-promoter › fetching the peer file', () => {
  it('dhcp-promoter › a peer that fails is followed by the next, which gets what is left of settle', async () => {
    const { clock, exec, fs, deps } = setup();
    exec.answer = ([, peer]) => {
      if (peer === 'router-b') return 'hold';
      fs.files.set(paths.pulled, 'leases\n');
      return 0;
    };
    const fetching = fetchPeerFiles([TWO_PEERS], 1000, new AbortController().signal, deps);
    await clock.advance(400);
    exec.calls[0]?.finish(255, 'ssh: connect to host 198.51.100.2 port 22: Connection refused\n');
    await clock.advance(600);
    expect(await fetching).toEqual({
      aborted: false,
      files: [{ live: LIVE, source: 'pull', peer: 'router-c', failures: [{ peer: 'router-b', reason: 'PeerNotAnswering', text: 'router-b does not answer: ssh: connect to host 198.51.100.2 port 22: Connection refused' }] }],
    });
    expect(exec.calls.map((c) => [c.argv.join(' '), c.options.deadlineMs])).toEqual([
      ['pull router-b', 1000],
      ['pull router-c', 600],
    ]);
  });

  it('dhcp-promoter › a stale pulled copy is removed before the pull, so a failed pull merges nothing', async () => {
    const { clock, exec, fs, deps } = setup();
    fs.files.set(paths.pulled, 'old\n');
    exec.answer = () => ({ exitCode: 23, output: 'rsync: [sender] link_stat "/x" failed: No such file or directory (2)\n' });
    const fetching = fetchPeerFiles([LEASE_FILE], 1000, new AbortController().signal, deps);
    await clock.advance(1000);
    expect(await fetching).toEqual({
      aborted: false,
      files: [
        {
          live: LIVE,
          source: 'none',
          failures: [{ peer: 'router-b', reason: 'Failed', text: 'pulling from router-b failed: pull router-b exited with 23: rsync: [sender] link_stat "/x" failed: No such file or directory (2)' }],
        },
      ],
    });
    expect(fs.files.has(paths.pulled)).toBe(false);
  });

  it('dhcp-promoter › with settle 0 no peer is asked, and a handback already waiting is taken', async () => {
    const { exec, fs, deps } = setup();
    expect(await fetchPeerFiles([LEASE_FILE], 0, new AbortController().signal, deps)).toEqual({
      aborted: false,
      files: [{ live: LIVE, source: 'none', failures: [{ peer: 'router-b', reason: 'PeerNotAnswering', text: 'router-b was not asked: the 0s settle had passed' }] }],
    });
    fs.files.set(paths.handback, 'leases\n');
    expect((await fetchPeerFiles([LEASE_FILE], 0, new AbortController().signal, deps)).files).toEqual([{ live: LIVE, source: 'handback' }]);
    expect(exec.calls).toEqual([]);
  });

  it('dhcp-promoter › a fetch stopped from outside ends at once, aborted, its pull stopped', async () => {
    const { clock, exec, deps } = setup();
    exec.answer = () => 'hold';
    const stop = new AbortController();
    const fetching = fetchPeerFiles([LEASE_FILE], 1000, stop.signal, deps);
    await clock.advance(100);
    stop.abort();
    await clock.advance(0);
    expect((await fetching).aborted).toBe(true);
    expect(exec.calls[0]?.done).toBe(true);
  });

  it('dhcp-promoter › a handback landing in the real inbox ends the wait at once (inotify), not at the next poll', async () => {
    const root = await mkdtemp(join(tmpdir(), 'promoter-watch-'));
    try {
      const live = join(root, 'dnsmasq.leases');
      const inbox = inboxPaths(live);
      const { clock, exec } = setup();
      exec.answer = () => 'hold';
      // The fake clock never moves: without the watch the wait would end only at a poll that never comes.
      const deps = { fs: nodeInboxFs, clock, run: exec.run, pollMs: 60_000 };
      const fetching = fetchPeerFiles([{ ...LEASE_FILE, live }], 3000, new AbortController().signal, deps);
      // The pull runs: the first look found nothing, and the wait began.
      await vi.waitFor(() => expect(exec.calls).toHaveLength(1));
      // As rsync --delay-updates lands it: written aside, renamed into place.
      await mkdir(join(inbox.dir, '.~tmp~'));
      await writeFile(join(inbox.dir, '.~tmp~', 'handback'), 'leases\n');
      await rename(join(inbox.dir, '.~tmp~', 'handback'), inbox.handback);
      expect(await fetching).toEqual({ aborted: false, files: [{ live, source: 'handback' }] });
      expect(exec.calls[0]?.done).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('dhcp-promoter › with the handback in, a pull that is slow to go once stopped is not waited for', async () => {
    const { clock, fs } = setup();
    let ended = false;
    // A pull that ignores its abort for a while (rsync and ssh shutting down), then ends.
    let finish: () => void = () => undefined;
    const run = () =>
      new Promise<ReturnType<typeof result>>((resolve) => {
        finish = () => {
          ended = true;
          resolve(result(undefined, '', { aborted: true }));
        };
      });
    const fetching = fetchPeerFiles([LEASE_FILE], 3000, new AbortController().signal, { fs, clock, run });
    await clock.advance(150);
    fs.files.set(paths.handback, 'leases\n');
    await clock.advance(150);
    expect(await fetching).toEqual({ aborted: false, files: [{ live: LIVE, source: 'handback' }] });
    expect(ended).toBe(false);
    finish();
  });

  it('dhcp-promoter › a peer that does not answer yet (its sshd still booting) is asked again within settle', async () => {
    const { clock, exec, fs, deps } = setup();
    let asked = 0;
    exec.answer = () => {
      asked += 1;
      if (asked === 1) return { exitCode: 255, output: 'ssh: connect to host 198.51.100.2 port 22: Connection refused\n' };
      fs.files.set(paths.pulled, 'leases\n');
      return 0;
    };
    const fetching = fetchPeerFiles([LEASE_FILE], 3000, new AbortController().signal, deps);
    await clock.advance(PULL_RETRY_MS);
    await clock.advance(3000 - PULL_RETRY_MS);
    expect(await fetching).toEqual({ aborted: false, files: [{ live: LIVE, source: 'pull', peer: 'router-b', failures: [] }] });
    expect(exec.calls.map((c) => [c.argv.join(' '), c.options.deadlineMs])).toEqual([
      ['pull router-b', 3000],
      ['pull router-b', 3000 - PULL_RETRY_MS],
    ]);
  });

  it('dhcp-promoter › a refusal is an answer: the peer is not asked again', async () => {
    const { clock, exec, deps } = setup();
    exec.answer = () => ({ exitCode: 12, output: 'routerd-lease-receiver: refused UnknownPath: not a lease file of this router\n' });
    const fetching = fetchPeerFiles([LEASE_FILE], 3000, new AbortController().signal, deps);
    await clock.advance(3000);
    expect((await fetching).files[0]).toMatchObject({ source: 'none', failures: [{ peer: 'router-b', reason: 'UnknownPath' }] });
    expect(exec.calls).toHaveLength(1);
  });

  it('dhcp-promoter › the ssh control socket dir is made before each pull: a reboot empties /run', async () => {
    const { clock, exec, fs, deps } = setup();
    const peer = { ...LEASE_FILE.peers[0]!, controlDir: '/run/routerd/ssh' };
    exec.answer = () => {
      expect(fs.dirs.get('/run/routerd/ssh')).toBe('self');
      fs.files.set(paths.pulled, 'leases\n');
      return 0;
    };
    const fetching = fetchPeerFiles([{ ...LEASE_FILE, peers: [peer] }], 1000, new AbortController().signal, deps);
    await clock.advance(1000);
    expect((await fetching).files[0]).toMatchObject({ source: 'pull' });
    expect(exec.calls).toHaveLength(1);
  });

  it('dhcp-promoter › a root promoter pulls as the sync user, whose key the peer knows, and makes the control dir that user\'s', async () => {
    const { clock, exec, fs, deps } = setup();
    fs.pullAs = { uid: 997, gid: 997, home: '/var/lib/routerd' };
    exec.answer = () => {
      fs.files.set(paths.pulled, 'leases\n');
      return 0;
    };
    const fetching = fetchPeerFiles([{ ...LEASE_FILE, peers: [{ ...LEASE_FILE.peers[0]!, controlDir: '/run/routerd/ssh' }] }], 1000, new AbortController().signal, deps);
    await clock.advance(1000);
    expect((await fetching).files[0]).toMatchObject({ source: 'pull' });
    expect(exec.calls.map((c) => c.options.as)).toEqual([{ uid: 997, gid: 997, home: '/var/lib/routerd' }]);
    expect(fs.dirs.get('/run/routerd/ssh')).toBe('997:997');
  });

  it('dhcp-promoter › a control socket dir that cannot be made fails the pull, naming the dir and why', async () => {
    const { clock, exec, fs, deps } = setup();
    fs.ensurePrivateDir = () => Promise.reject(new Error('EACCES: permission denied'));
    const fetching = fetchPeerFiles([{ ...LEASE_FILE, peers: [{ ...LEASE_FILE.peers[0]!, controlDir: '/run/routerd/ssh' }] }], 1000, new AbortController().signal, deps);
    await clock.advance(1000);
    expect((await fetching).files[0]).toEqual({
      live: LIVE,
      source: 'none',
      failures: [{ peer: 'router-b', reason: 'Failed', text: 'not pulled from router-b: the ssh control directory /run/routerd/ssh could not be created: EACCES: permission denied' }],
    });
    expect(exec.calls).toEqual([]);
  });

  it('dhcp-promoter › the real control dir is 0700; a root promoter pulls as ROUTERD_SSH_USER, itself without it, and an unknown user is named', async () => {
    const root = await mkdtemp(join(tmpdir(), 'promoter-owner-'));
    const saved = process.env[SSH_USER_ENV];
    try {
      expect(process.getuid?.()).toBe(0);
      process.env[SSH_USER_ENV] = 'nobody';
      expect(await nodeInboxFs.pullUser()).toEqual({ uid: 65534, gid: 65534, home: '/nonexistent' });
      delete process.env[SSH_USER_ENV];
      expect(await nodeInboxFs.pullUser()).toBeUndefined();
      process.env[SSH_USER_ENV] = 'no-such-user';
      await expect(nodeInboxFs.pullUser()).rejects.toThrow('ROUTERD_SSH_USER names "no-such-user", expected a user in /etc/passwd, found none');
      // A control dir made for the pull user is theirs; one that exists is left as it is.
      const dir = join(root, 'run', 'ssh');
      await nodeInboxFs.ensurePrivateDir(dir, { uid: 65534, gid: 65534, home: '/nonexistent' });
      await nodeInboxFs.ensurePrivateDir(dir, { uid: 1, gid: 1, home: '/' });
      const made = await stat(dir);
      expect([made.uid, made.gid, made.mode & 0o777]).toEqual([65534, 65534, 0o700]);
    } finally {
      if (saved === undefined) delete process.env[SSH_USER_ENV];
      else process.env[SSH_USER_ENV] = saved;
      await rm(root, { recursive: true, force: true });
    }
  });

  it("dhcp-promoter › failures read as the receiver's refusal, a timeout, ssh's 255, or rsync's own", () => {
    const peer = LEASE_FILE.peers[0]!;
    expect(pullFailure(peer, result(12, 'routerd-lease-receiver: refused Busy: the lock is held by pid 7\n'), 1000)).toEqual({ peer: 'router-b', reason: 'Busy', text: 'router-b refused the pull (Busy): the lock is held by pid 7' });
    expect(pullFailure(peer, result(undefined, '', { timedOut: true }), 1500)).toEqual({ peer: 'router-b', reason: 'PeerNotAnswering', text: 'router-b did not answer within 1s500ms' });
    expect(pullFailure(peer, result(255), 1000)).toEqual({ peer: 'router-b', reason: 'PeerNotAnswering', text: 'router-b does not answer: ssh exited with 255' });
    expect(pullFailure(peer, result(undefined, '', { error: 'spawn rsync ENOENT' }), 1000).text).toBe('pulling from router-b failed: pull router-b could not run: spawn rsync ENOENT');
  });
});
