// The adapter over applyToLive/withLeaseLock: a handback is claimed before it is merged and removed once
// merged; one the receiver took meanwhile is "gone"; one that is not a lease file is put aside; a merge
// that fails otherwise leaves the claim to be merged with the next heal; start holds every file's lock.
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeaseMergeInputError } from '@routerd/leases';
import { inboxPaths } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { claimedHandback, handbackWaiting, nodeInboxFs, rejectedHandback } from './inbox.js';
import { createLeaseReconciler, type LeaseFunctions } from './lease-files.js';
import { lease, memoryFs, memoryLeases } from './testing/inbox.js';
import { LIVE } from './testing/machine.js';

const NOW = 1_714_564_800;
const paths = inboxPaths(LIVE);

describe('dhcp-promoter › lease files', () => {
  it('dhcp-promoter › a handback is merged under the lock from its claim, then removed; a newer one that came meanwhile stays', async () => {
    const fs = memoryFs();
    const leases = memoryLeases(fs);
    fs.files.set(paths.handback, lease(NOW, 1, 1));
    const seen: boolean[] = [];
    const reconciler = createLeaseReconciler(
      {
        ...leases,
        applyToLive: (options) => {
          seen.push(leases.held.has(LIVE));
          // The peer hands back again while this one merges.
          fs.files.set(paths.handback, lease(NOW, 2, 2));
          return leases.applyToLive(options);
        },
      },
      fs,
    );
    expect(await reconciler.merge({ live: LIVE, source: 'handback', now: NOW })).toEqual({ changed: true, leases: 1, taken: 1, kept: 0, conflicts: [] });
    expect(seen).toEqual([true]);
    expect(leases.merges).toEqual([claimedHandback(LIVE)]);
    expect(fs.files.has(claimedHandback(LIVE))).toBe(false);
    expect(fs.files.get(paths.handback)).toBe(lease(NOW, 2, 2));
    expect(await handbackWaiting(fs, LIVE)).toBe(true);
  });

  it('dhcp-promoter › a handback the receiver merged meanwhile is "gone"; a pulled file is merged and removed', async () => {
    const fs = memoryFs();
    const reconciler = createLeaseReconciler(memoryLeases(fs), fs);
    expect(await reconciler.merge({ live: LIVE, source: 'handback', now: NOW })).toBe('gone');
    fs.files.set(paths.pulled, lease(NOW, 1, 1));
    expect(await reconciler.merge({ live: LIVE, source: 'pull', now: NOW })).toMatchObject({ leases: 1 });
    expect(fs.files.has(paths.pulled)).toBe(false);
    expect(fs.files.get(LIVE)).toBe(lease(NOW, 1, 1));
  });

  it('dhcp-promoter › a handback that is not a lease file is put aside (it never merges); another failure keeps the claim for the next heal', async () => {
    const fs = memoryFs();
    const bad: LeaseFunctions = { applyToLive: () => Promise.reject(new LeaseMergeInputError('incoming', ['line 1: expected 5 fields, found 1'])), withLeaseLock: (_live, fn) => fn() };
    fs.files.set(paths.handback, 'garbage\n');
    await expect(createLeaseReconciler(bad, fs).merge({ live: LIVE, source: 'handback', now: NOW })).rejects.toThrow(
      `cannot merge: the incoming lease file is not a dnsmasq lease file: line 1: expected 5 fields, found 1 (put aside as ${rejectedHandback(LIVE)})`,
    );
    expect([...fs.files.keys()]).toEqual([rejectedHandback(LIVE)]);

    const busy: LeaseFunctions = { applyToLive: () => Promise.reject(new Error('EIO: i/o error, write')), withLeaseLock: (_live, fn) => fn() };
    fs.files.set(paths.handback, lease(NOW, 1, 1));
    await expect(createLeaseReconciler(busy, fs).merge({ live: LIVE, source: 'handback', now: NOW })).rejects.toThrow('EIO');
    expect(fs.files.get(claimedHandback(LIVE))).toBe(lease(NOW, 1, 1));
    expect(await handbackWaiting(fs, LIVE)).toBe(true);
    const leases = memoryLeases(fs);
    expect(await createLeaseReconciler(leases, fs).merge({ live: LIVE, source: 'handback', now: NOW })).toMatchObject({ leases: 1 });
    expect(leases.merges).toEqual([claimedHandback(LIVE)]);
    expect(await handbackWaiting(fs, LIVE)).toBe(false);
  });

  it('dhcp-promoter › holding takes each file lock in order and releases them after', async () => {
    const order: string[] = [];
    const functions: LeaseFunctions = {
      applyToLive: () => Promise.reject(new Error('not used')),
      async withLeaseLock(live, fn) {
        order.push(`lock ${live}`);
        try {
          return await fn();
        } finally {
          order.push(`unlock ${live}`);
        }
      },
    };
    const result = await createLeaseReconciler(functions, memoryFs()).holding(['/a', '/b'], () => {
      order.push('start');
      return Promise.resolve(7);
    });
    expect(result).toBe(7);
    expect(order).toEqual(['lock /a', 'lock /b', 'start', 'unlock /b', 'unlock /a']);
  });

  it('dhcp-promoter › the node inbox: exists, rename (false when missing), remove (missing is fine), a dir moded like its parent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'promoter-inbox-'));
    try {
      await chmod(dir, 0o751);
      const inbox = join(dir, '.routerd-inbox');
      await nodeInboxFs.ensureDir(inbox);
      await nodeInboxFs.ensureDir(inbox);
      expect((await stat(inbox)).mode & 0o777).toBe(0o751);
      const from = join(dir, 'a');
      const to = join(dir, 'b');
      expect(await nodeInboxFs.rename(from, to)).toBe(false);
      await writeFile(from, 'x');
      expect(await nodeInboxFs.exists(from)).toBe(true);
      expect(await nodeInboxFs.rename(from, to)).toBe(true);
      expect(await readFile(to, 'utf8')).toBe('x');
      await nodeInboxFs.remove(to);
      await nodeInboxFs.remove(to);
      expect(await nodeInboxFs.exists(to)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
