// The trace of a handback this node's receiver merged itself, on a real inbox (inotify): a handback
// that lands and vanishes is the receiver's merge; a push landing after it voids it; a handback still
// there, or one this promoter claimed, is not.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inboxPaths } from '@routerd/model';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandbackTrace, type HandbackTrace } from './handback-trace.js';
import { claimedHandback, nodeInboxFs } from './inbox.js';
import { fakeClock, type FakeClock } from './testing/fakes.js';
import { memoryFs } from './testing/inbox.js';

let root: string;
let live: string;
let clock: FakeClock;
let trace: HandbackTrace;

/** As rsync --delay-updates lands a file: written aside, renamed into place. */
async function land(path: string, text: string): Promise<void> {
  const aside = join(inboxPaths(live).dir, '.~tmp~');
  await mkdir(aside, { recursive: true });
  await writeFile(join(aside, 'file'), text);
  await rename(join(aside, 'file'), path);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'promoter-trace-'));
  live = join(root, 'dnsmasq', 'dnsmasq.leases');
  clock = fakeClock();
  trace = createHandbackTrace(nodeInboxFs, clock);
  await mkdir(join(root, 'dnsmasq'));
  // The inbox need not exist yet: the trace makes it beside live, as the fetch does.
  await trace.watch(live);
});

afterEach(async () => {
  trace.close();
  await rm(root, { recursive: true, force: true });
});

describe('dhcp-promoter › the trace of handbacks the receiver merged', () => {
  it('dhcp-promoter › a handback that lands and is removed (the receiver merged it) is traced from then on; a push landing after it voids it', async () => {
    const { handback, incoming } = inboxPaths(live);
    const before = clock.monotonic();
    await clock.advance(100);
    await land(handback, 'leases\n');
    await rm(handback);
    await vi.waitFor(async () => expect(await trace.mergedSince(live, before)).toBe(true));
    // Only since a time at or before the merge.
    expect(await trace.mergedSince(live, before + 101)).toBe(false);

    await land(incoming, 'leases\n');
    await vi.waitFor(async () => expect(await trace.mergedSince(live, before)).toBe(false));
  });

  it('dhcp-promoter › a handback still there, or one this promoter claimed, is no merge of the receiver; an untraced file never reads as merged', async () => {
    // The inbox in memory, its events sent by hand: each look sees exactly the files set before it.
    const fs = memoryFs();
    let event: ((name: string | undefined) => void) | undefined;
    fs.watch = (_dir, onChange) => {
      event = onChange;
      return () => undefined;
    };
    const own = createHandbackTrace(fs, clock);
    const memLive = '/var/lib/routerd/dnsmasq/dnsmasq.leases';
    await own.watch(memLive);
    const { handback } = inboxPaths(memLive);
    const name = 'dnsmasq.leases.handback';

    fs.files.set(handback, 'leases\n');
    event?.(name);
    expect(await own.mergedSince(memLive, 0)).toBe(false);
    fs.files.delete(handback);
    fs.files.set(claimedHandback(memLive), 'leases\n');
    event?.(name);
    expect(await own.mergedSince(memLive, 0)).toBe(false);
    // A name the file system did not give says nothing.
    fs.files.delete(claimedHandback(memLive));
    event?.(undefined);
    expect(await own.mergedSince(memLive, 0)).toBe(false);
    event?.(name);
    expect(await own.mergedSince(memLive, 0)).toBe(true);
    expect(await own.mergedSince('/var/lib/routerd/other.leases', 0)).toBe(false);
  });
});
