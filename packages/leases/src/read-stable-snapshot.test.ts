import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LeaseOptionError, SnapshotReadError } from './errors.js';
import { parseDnsmasqLeases } from './parse-dnsmasq-leases.js';
import { parsePdLease } from './parse-pd-lease.js';
import { readStableDigest, readStableSnapshot } from './read-stable-snapshot.js';
import type { SnapshotFs, SnapshotStat } from './read-stable-snapshot.js';
import type { LeaseFileParser } from './types.js';

// Rewrites the file in place the way dnsmasq does (strace): ftruncate(0), then 4 KiB writes at
// offset 0.., no rename; alternates two versions and pauses 0-60 ms between rewrites.
const WRITER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { path, versions, control } = workerData;
const flags = new Int32Array(control);
const fd = fs.openSync(path, 'r+');
let rewrites = 0;
while (Atomics.load(flags, 0) === 0) {
  const content = Buffer.from(versions[rewrites % versions.length]);
  fs.ftruncateSync(fd, 0);
  for (let offset = 0; offset < content.length; offset += 4096) {
    fs.writeSync(fd, content, offset, Math.min(4096, content.length - offset), offset);
  }
  rewrites++;
  Atomics.store(flags, 1, rewrites);
  Atomics.wait(flags, 0, 0, Math.floor(Math.random() * 60));
}
fs.closeSync(fd);
`;

function leaseFile(v4: number, v6: number): string {
  const lines: string[] = [];
  for (let i = 0; i < v4; i++) {
    const host = i % 3 === 0 ? '*' : `host-${i}`;
    lines.push(`${1795649000 + i} 02:00:00:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}:10 192.0.2.${i % 250} ${host} *`);
  }
  if (v6 > 0) lines.push('duid 00:01:00:01:32:9a:1c:65:02:00:00:00:30:02');
  for (let i = 0; i < v6; i++) lines.push(`${1795649000 + i} ${12000 + i} 2001:db8:30::${i.toString(16)} * 00:01:00:01:32:9a:1c:6c:02:00:00:00:30:11`);
  return `${lines.join('\n')}\n`;
}

const FULL = '1795649019 02:00:00:00:30:11 192.0.2.131 * *\nduid 00:01:00:01\n1795649020 12304 2001:db8:30::1a7 * 00:01\n';
const TORN = FULL.slice(0, 60);

function fileStat(size: number, mtimeMs = 1_700_000_000_000): SnapshotStat {
  return { isFile: () => true, size, mtimeMs, ctimeMs: mtimeMs, ino: 7 };
}

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: fake`), { code });
}

type Step = string | Error | { readonly text: string; readonly mtimeMs: number };

/**
 * A fake fs whose file is at version `script[k]` during read k (the last one repeats): the stat
 * before and after that read show it. Without an explicit mtime, a version's mtime is its length.
 */
function scriptedFs(script: Step[]): SnapshotFs & { reads: number } {
  let statCalls = 0;
  let index = 0;
  const step = (): Step => script[Math.min(index, script.length - 1)] ?? '';
  const fake = {
    reads: 0,
    stat: () => {
      if (statCalls++ % 2 === 0) index = fake.reads;
      const current = step();
      if (current instanceof Error) return Promise.resolve(fileStat(0));
      if (typeof current === 'string') return Promise.resolve(fileStat(Buffer.byteLength(current), 1_700_000_000_000 + current.length));
      return Promise.resolve(fileStat(Buffer.byteLength(current.text), current.mtimeMs));
    },
    readFile: () => {
      fake.reads++;
      const current = step();
      if (current instanceof Error) return Promise.reject(current);
      return Promise.resolve(Buffer.from(typeof current === 'string' ? current : current.text));
    },
  };
  return fake;
}

/** scriptedFs whose reads come in `size`-byte chunks of one scratch buffer, overwritten after each. */
function chunkedFs(script: Step[], size: number): SnapshotFs & { reads: number } {
  const fake = scriptedFs(script);
  return Object.assign(fake, {
    async *readChunks(path: string) {
      const whole = await fake.readFile(path);
      const scratch = Buffer.alloc(size);
      for (let offset = 0; offset < whole.length; offset += size) {
        const n = whole.copy(scratch, 0, offset, offset + size);
        yield scratch.subarray(0, n);
        scratch.fill(0x21);
      }
    },
  });
}

const noSleep = (): Promise<void> => Promise.resolve();

describe('readStableSnapshot', () => {
  it('snapshot › returns content, hash and counts once two reads agree and parse', async () => {
    const fs = scriptedFs([FULL]);
    const snapshot = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs, sleep: noSleep });
    expect(snapshot).toEqual({
      kind: 'ok',
      content: Buffer.from(FULL),
      sha256: createHash('sha256').update(FULL).digest('hex'),
      size: Buffer.byteLength(FULL),
      mtimeMs: 1_700_000_000_000 + FULL.length,
      v4Count: 1,
      v6Count: 1,
    });
    expect(fs.reads).toBe(2);
  });

  it('snapshot › one read suffices when it agrees with a snapshot already proved stable', async () => {
    const sha256 = createHash('sha256').update(FULL).digest('hex');
    const known = { sha256, size: Buffer.byteLength(FULL), mtimeMs: 1_700_000_000_000 + FULL.length };
    const agreeing = scriptedFs([FULL]);
    const snapshot = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: agreeing, sleep: noSleep, knownStable: known });
    expect(snapshot).toMatchObject({ kind: 'ok', sha256, v4Count: 1, v6Count: 1 });
    expect(agreeing.reads).toBe(1);
    // Another mtime (a write since) or other bytes: back to two agreeing reads.
    const rewritten = scriptedFs([{ text: FULL, mtimeMs: known.mtimeMs + 5 }]);
    await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: rewritten, sleep: noSleep, knownStable: known });
    expect(rewritten.reads).toBe(2);
    const other = scriptedFs([TORN, FULL]);
    const stillSafe = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: other, sleep: noSleep, knownStable: { ...known, size: TORN.length } });
    expect(stillSafe).toMatchObject({ kind: 'ok', sha256 });
    expect(other.reads).toBe(3);
  });

  it('snapshot › rereads past a torn read and past a changed read', async () => {
    const fs = scriptedFs([TORN, FULL, '', FULL, FULL]);
    const sleeps: number[] = [];
    const snapshot = await readStableSnapshot('/leases', {
      parse: parseDnsmasqLeases,
      fs,
      settleMs: 7,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    expect(snapshot.kind).toBe('ok');
    expect(fs.reads).toBe(5);
    expect(sleeps).toEqual([7, 7, 7, 7]);
  });

  it('snapshot › never returns two identical torn reads', async () => {
    const snapshot = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: scriptedFs([TORN]), sleep: noSleep, maxAttempts: 4 });
    expect(snapshot).toEqual({
      kind: 'unstable',
      attempts: 4,
      lastError: 'line 2: no newline at the end of the file: the last line is incomplete (torn read, or still being written)',
    });
  });

  it('snapshot › gives up on a file that keeps changing', async () => {
    const fs = scriptedFs([FULL, '', FULL, '']);
    const snapshot = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs, sleep: noSleep, maxAttempts: 4 });
    expect(snapshot).toEqual({
      kind: 'unstable',
      attempts: 4,
      lastError: 'the content changed between two reads 20 ms apart (104 then 0 bytes)',
    });
  });

  it('snapshot › refuses identical reads when the file was written to in between', async () => {
    const fs = scriptedFs([
      { text: '', mtimeMs: 1 },
      { text: '', mtimeMs: 2 },
      { text: '', mtimeMs: 3 },
    ]);
    const snapshot = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs, sleep: noSleep, maxAttempts: 3 });
    expect(snapshot).toEqual({
      kind: 'unstable',
      attempts: 3,
      lastError: 'the file was written to between two reads 20 ms apart (its size, mtime or ctime changed)',
    });
  });

  it('snapshot › accepts an empty lease file (zero leases) once a later read confirms it', async () => {
    const sleeps: number[] = [];
    const sleep = (ms: number): Promise<void> => {
      sleeps.push(ms);
      return Promise.resolve();
    };
    const snapshot = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: scriptedFs(['']), sleep });
    expect(snapshot).toMatchObject({ kind: 'ok', size: 0, v4Count: 0, v6Count: 0 });
    expect(sleeps).toEqual([20, 500]);
  });

  it('snapshot › does not take a writer stalled after its truncate for an empty file', async () => {
    const options = { parse: parseDnsmasqLeases, sleep: noSleep, maxAttempts: 3 };
    expect(await readStableSnapshot('/leases', { ...options, fs: scriptedFs(['', '', FULL]) })).toEqual({
      kind: 'unstable',
      attempts: 3,
      lastError: 'the file was empty, then written to (a rewrite caught between its truncate and its writes)',
    });
    expect(await readStableSnapshot('/leases', { ...options, maxAttempts: 2, fs: scriptedFs(['']) })).toEqual({
      kind: 'unstable',
      attempts: 2,
      lastError: 'the file is empty: not confirmed by a read 500 ms later',
    });
    const snapshot = await readStableSnapshot('/leases', { ...options, maxAttempts: 10, fs: scriptedFs(['', '', FULL]) });
    expect(snapshot).toMatchObject({ kind: 'ok', v4Count: 1, v6Count: 1 });
  });

  it('snapshot › counts PD prefixes as v6 leases', async () => {
    const fs = scriptedFs(['{"prefixes":[{"prefix":"2001:db8:100::/56"}]}']);
    const snapshot = await readStableSnapshot('/lease.json', { parse: parsePdLease, fs, sleep: noSleep });
    expect(snapshot).toMatchObject({ kind: 'ok', v4Count: 0, v6Count: 1 });
  });

  it('snapshot › reports a missing file, a directory and an unreadable file', async () => {
    const options = { parse: parseDnsmasqLeases, sleep: noSleep };
    expect(await readStableSnapshot('/leases', { ...options, fs: scriptedFs([errno('ENOENT')]) })).toEqual({ kind: 'missing' });
    expect(await readStableSnapshot('/leases', { ...options, fs: scriptedFs([FULL, errno('ENOENT')]) })).toEqual({ kind: 'missing' });
    expect(await readStableSnapshot('/leases', { ...options, fs: scriptedFs([errno('EISDIR')]) })).toEqual({ kind: 'not-a-file' });
    const dirFs: SnapshotFs = { stat: () => Promise.resolve({ ...fileStat(0), isFile: () => false }), readFile: () => Promise.reject(new Error('unused')) };
    expect(await readStableSnapshot('/leases', { ...options, fs: dirFs })).toEqual({ kind: 'not-a-file' });

    const unreadable = await readStableSnapshot('/leases', { ...options, fs: scriptedFs([errno('EACCES')]) });
    expect(unreadable.kind).toBe('unreadable');
    if (unreadable.kind !== 'unreadable') return;
    expect(unreadable.error).toBeInstanceOf(SnapshotReadError);
    expect(unreadable.error.name).toBe('SnapshotReadError');
    expect(unreadable.error.message).toBe('cannot read lease file /leases: EACCES: fake');
    expect(unreadable.error.cause).toMatchObject({ code: 'EACCES' });
  });

  it('snapshot › reads in chunks give the same snapshots: lines cut across chunks, torn and changed reads', async () => {
    for (const size of [1, 7, 4096]) {
      const fs = chunkedFs([TORN, FULL, '', FULL, FULL], size);
      const snapshot = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs, sleep: noSleep });
      expect(snapshot).toMatchObject({ kind: 'ok', content: Buffer.from(FULL), sha256: createHash('sha256').update(FULL).digest('hex'), v4Count: 1, v6Count: 1 });
      expect(fs.reads).toBe(5);
      expect(await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: chunkedFs([TORN], size), sleep: noSleep, maxAttempts: 3 })).toMatchObject({
        kind: 'unstable',
        lastError: 'line 2: no newline at the end of the file: the last line is incomplete (torn read, or still being written)',
      });
    }
  });

  it('snapshot › the digest proves the same snapshot without keeping the content', async () => {
    const digest = await readStableDigest('/leases', { parse: parseDnsmasqLeases, fs: chunkedFs([TORN, FULL], 16), sleep: noSleep });
    const full = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: chunkedFs([TORN, FULL], 16), sleep: noSleep });
    expect(digest).not.toHaveProperty('content');
    expect(full.kind === 'ok' ? { ...full, content: undefined } : full).toEqual({ ...digest, content: undefined });
    expect(await readStableDigest('/leases', { parse: parseDnsmasqLeases, fs: chunkedFs([TORN], 16), sleep: noSleep, maxAttempts: 2 })).toMatchObject({ kind: 'unstable' });
    // A parser without a line check (lease.json) is given the whole text of each read it checks.
    expect(await readStableDigest('/lease.json', { parse: parsePdLease, fs: chunkedFs(['{"prefixes":[1,2]}'], 4), sleep: noSleep })).toMatchObject({ kind: 'ok', v6Count: 2 });
  });

  it('snapshot › reads into the buffer it is given when the file fits, and into a new one when it does not', async () => {
    const buffer = Buffer.alloc(Buffer.byteLength(FULL) + 10);
    const snapshot = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: chunkedFs([TORN, FULL], 16), sleep: noSleep, buffer });
    if (snapshot.kind !== 'ok') throw new Error(`expected a snapshot, got ${snapshot.kind}`);
    expect(snapshot.content).toEqual(Buffer.from(FULL));
    expect(snapshot.content.buffer).toBe(buffer.buffer);
    const small = Buffer.alloc(8);
    const grown = await readStableSnapshot('/leases', { parse: parseDnsmasqLeases, fs: chunkedFs([FULL], 16), sleep: noSleep, buffer: small });
    expect(grown).toMatchObject({ kind: 'ok', content: Buffer.from(FULL) });
    expect(small).toEqual(Buffer.alloc(8));
  });

  it('snapshot › checks only a read that can be returned: not the first, nor one whose file changed since the previous read', async () => {
    let checks = 0;
    const parse: LeaseFileParser = Object.assign((text: string) => parseDnsmasqLeases(text), {
      lines: () => {
        checks++;
        return parseDnsmasqLeases.lines();
      },
    });
    const fs = chunkedFs([TORN, FULL, FULL], 8);
    expect(await readStableDigest('/leases', { parse, fs, sleep: noSleep })).toMatchObject({ kind: 'ok', v4Count: 1 });
    expect(fs.reads).toBe(3);
    expect(checks).toBe(1);
  });

  it('snapshot › rejects bad options with a message naming them', async () => {
    const parse = parseDnsmasqLeases;
    await expect(readStableSnapshot('/leases', { parse, maxAttempts: 1 })).rejects.toThrow(
      new LeaseOptionError('Expected the `maxAttempts` option to be an integer of at least 2, got `1`'),
    );
    await expect(readStableSnapshot('/leases', { parse, settleMs: -1 })).rejects.toThrow(
      'Expected the `settleMs` option to be a non-negative number, got `-1`',
    );
    await expect(readStableSnapshot('/leases', { parse, emptySettleMs: Number.NaN })).rejects.toThrow(
      'Expected the `emptySettleMs` option to be a non-negative number, got `NaN`',
    );
    await expect(readStableSnapshot('', { parse })).rejects.toThrow('Expected the lease file path to be a non-empty string, got ""');
  });
});

describe('readStableSnapshot on real files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leases-snapshot-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('snapshot › reads a real file, and reports a missing one and a directory', async () => {
    const path = join(dir, 'dnsmasq.leases');
    await writeFile(path, FULL, { mode: 0o640 });
    expect(await readStableSnapshot(path, { parse: parseDnsmasqLeases, settleMs: 1 })).toMatchObject({ kind: 'ok', v4Count: 1, mode: 0o640 });
    expect(await readStableSnapshot(join(dir, 'nope'), { parse: parseDnsmasqLeases })).toEqual({ kind: 'missing' });
    await mkdir(join(dir, 'sub'));
    expect(await readStableSnapshot(join(dir, 'sub'), { parse: parseDnsmasqLeases })).toEqual({ kind: 'not-a-file' });
  });

  it('snapshot › never returns a torn file while a writer rewrites it in place', { timeout: 60_000 }, async () => {
    const path = join(dir, 'live.leases');
    const versions = [leaseFile(2500, 0), leaseFile(1200, 600)];
    await writeFile(path, versions[0] ?? '');
    const control = new SharedArrayBuffer(8);
    const flags = new Int32Array(control);
    const writer = new Worker(WRITER, { eval: true, workerData: { path, versions, control } });
    const exited = new Promise((resolve) => writer.once('exit', resolve));

    let tornReads = 0;
    const { open, stat } = await import('node:fs/promises');
    // The real file in 4 KiB chunks, as dnsmasq's writes land; each read's bytes are kept aside only to count torn reads.
    const real: SnapshotFs = {
      stat: (p) => stat(p),
      readFile: () => Promise.reject(new Error('unused: the reader streams')),
      async *readChunks(p) {
        const handle = await open(p);
        const seen: Buffer[] = [];
        try {
          const scratch = Buffer.alloc(4096);
          for (let n = 0; (n = (await handle.read(scratch, 0, 4096, null)).bytesRead) > 0; ) {
            seen.push(Buffer.from(scratch.subarray(0, n)));
            yield scratch.subarray(0, n);
          }
        } finally {
          await handle.close();
        }
        if (!versions.includes(Buffer.concat(seen).toString())) tornReads++;
      },
    };
    const outcomes = { ok: 0, unstable: 0 };
    try {
      while (Atomics.load(flags, 1) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      for (let i = 0; i < 80; i++) {
        const snapshot = await readStableSnapshot(path, { parse: parseDnsmasqLeases, fs: real });
        if (snapshot.kind === 'ok') {
          outcomes.ok++;
          expect(versions).toContain(snapshot.content.toString());
          expect(snapshot.v4Count + snapshot.v6Count).toBeOneOf([2500, 1800]);
        } else {
          expect(snapshot.kind).toBe('unstable');
          outcomes.unstable++;
        }
      }
    } finally {
      Atomics.store(flags, 0, 1);
      Atomics.notify(flags, 0);
      await exited;
    }
    // The writer did catch readers mid-rewrite, and stable reads still came through.
    expect(tornReads).toBeGreaterThan(0);
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(Atomics.load(flags, 1)).toBeGreaterThan(10);
  });
});
