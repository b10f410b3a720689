import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLeaseFile, stampFile } from './read-lease-file.js';

const fixture = (name: string) => fileURLToPath(new URL(`../test-fixtures/${name}`, import.meta.url));

describe('lease-watcher › read lease file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lease-watcher-read-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lease-watcher › reads the dnsmasq sample with its v4 and v6 counts', async () => {
    const path = join(dir, 'dnsmasq.leases');
    await copyFile(fixture('dnsmasq.leases.mixed'), path);
    const snapshot = await readLeaseFile(path, 'dnsmasq');
    expect(snapshot).toMatchObject({ kind: 'ok', v4Count: 2, v6Count: 3 });
  });

  it('lease-watcher › a PD lease is checked as JSON: an array is not a lease', async () => {
    const path = join(dir, 'lease.json');
    await writeFile(path, '{"prefixes":[{"prefix":"2001:db8:100::/56"}]}');
    expect(await readLeaseFile(path, 'pd-lease')).toMatchObject({ kind: 'ok', v4Count: 0, v6Count: 1 });
    await writeFile(path, '[]');
    expect(await readLeaseFile(path, 'pd-lease')).toMatchObject({ kind: 'unstable', lastError: 'line 1: expected a JSON object, found an array' });
  });

  it('lease-watcher › a stamp changes with the content and says missing for no file', async () => {
    const path = join(dir, 'f');
    expect(await stampFile(path)).toEqual({ key: 'missing' });
    expect(await stampFile(join(path, 'below'))).toEqual({ key: 'missing' });
    await writeFile(path, 'a\n');
    const first = await stampFile(path);
    expect(first).toMatchObject({ type: 'file', size: 2 });
    expect(await stampFile(dir)).toMatchObject({ type: 'directory' });
    await writeFile(path, 'bb\n');
    expect((await stampFile(path)).key).not.toBe(first.key);
  });
});
