import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchDir, type DirWatch } from './dir-watch.js';
import { WatchSetupError } from './errors.js';

describe('lease-watcher › directory watch', () => {
  let dir: string;
  let handle: DirWatch | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lease-watcher-dir-'));
  });
  afterEach(async () => {
    handle?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('lease-watcher › reports events of the file, not of its neighbours', async () => {
    let events = 0;
    handle = await watchDir({ dir, fileName: 'dnsmasq.leases', onEvent: () => (events += 1), onError: () => {} });
    await writeFile(join(dir, 'other'), 'x\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toBe(0);
    await writeFile(join(dir, 'tmp'), '{}');
    await rename(join(dir, 'tmp'), join(dir, 'dnsmasq.leases'));
    await until(() => events > 0);
    expect(events).toBeGreaterThan(0);
    expect(handle.dirIno).toBeGreaterThan(0);
  });

  it('lease-watcher › a missing directory, or a file in its place, is a WatchSetupError naming it', async () => {
    const missing = join(dir, 'nope');
    await expect(watchDir({ dir: missing, fileName: 'x', onEvent: () => {}, onError: () => {} })).rejects.toThrow(
      `cannot watch directory ${missing}: ENOENT: no such file or directory, stat '${missing}'`,
    );
    await expect(watchDir({ dir: missing, fileName: 'x', onEvent: () => {}, onError: () => {} })).rejects.toBeInstanceOf(WatchSetupError);
    const file = join(dir, 'file');
    await writeFile(file, '');
    await expect(watchDir({ dir: file, fileName: 'x', onEvent: () => {}, onError: () => {} })).rejects.toThrow(
      `cannot watch directory ${file}: ENOTDIR: not a directory, watch '${file}'`,
    );
  });
});
