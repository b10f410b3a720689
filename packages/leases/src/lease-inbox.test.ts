import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inboxPaths } from '@routerd/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeaseFileError, LeaseMergeInputError, LeaseOptionError } from './errors.js';
import { applyToLive } from './lease-inbox.js';

const NOW = 1_800_000_000;
const LATER = NOW + 3600;
const line = (expiry: number, ip: string, mac: string) => `${expiry} ${mac} ${ip} * *\n`;
const PEER_A = line(LATER, '192.0.2.10', '02:00:00:00:30:10');
const PEER_B = line(LATER, '192.0.2.11', '02:00:00:00:30:11');
const PEER_C = line(LATER + 60, '192.0.2.12', '02:00:00:00:30:12');
const LOCAL = line(LATER + 120, '192.0.2.20', '02:00:00:00:30:20');

let dir: string;
let live: string;
let paths: ReturnType<typeof inboxPaths>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lease-inbox-'));
  live = join(dir, 'dnsmasq.leases');
  paths = inboxPaths(live);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function receive(text: string): Promise<string> {
  await mkdir(paths.dir, { recursive: true });
  await writeFile(paths.incoming, text);
  return paths.incoming;
}

describe('lease inbox › applyToLive', () => {
  it('lease inbox › first run, no base and no live: live and the inbox dir are created, live is the pushed file, base too', async () => {
    await rm(paths.dir, { recursive: true, force: true });
    await writeFile(join(dir, 'push'), PEER_A + PEER_B);
    const result = await applyToLive({ live, from: join(dir, 'push'), now: NOW });
    expect(result).toEqual({ changed: true, leases: 2, taken: 2, kept: 0, conflicts: [] });
    expect(await readFile(live, 'utf8')).toBe(PEER_A + PEER_B);
    expect(await readFile(paths.base, 'utf8')).toBe(PEER_A + PEER_B);
  });

  it('lease inbox › P1: live unchanged since the last push becomes the incoming file byte for byte, deletions and order included', async () => {
    await applyToLive({ live, from: await receive(PEER_A + PEER_B), now: NOW });
    // The peer reorders, deletes one lease and adds one: the standby follows it exactly.
    const next = PEER_C + PEER_A;
    const result = await applyToLive({ live, from: await receive(next), now: NOW });
    expect(await readFile(live)).toEqual(Buffer.from(next));
    expect(result).toEqual({ changed: true, leases: 2, taken: 2, kept: 0, conflicts: [] });
    expect(await readFile(paths.base, 'utf8')).toBe(next);
  });

  it('lease inbox › P2: a lease this node granted since the last push survives the next push', async () => {
    await applyToLive({ live, from: await receive(PEER_A), now: NOW });
    await writeFile(live, PEER_A + LOCAL);
    const result = await applyToLive({ live, from: await receive(PEER_A + PEER_B), now: NOW });
    expect(await readFile(live, 'utf8')).toBe(PEER_A + PEER_B + LOCAL);
    expect(result).toMatchObject({ changed: true, leases: 3, taken: 2, kept: 1, conflicts: [] });
  });

  it('lease inbox › a conflict is returned with both parties', async () => {
    await applyToLive({ live, from: await receive(''), now: NOW });
    const mine = line(LATER + 600, '192.0.2.10', '02:00:00:00:30:99');
    await writeFile(live, mine);
    const result = await applyToLive({ live, from: await receive(PEER_A), now: NOW });
    expect(result.conflicts).toEqual([
      { address: '192.0.2.10', winner: { client: 'mac:02:00:00:00:30:99', expiry: LATER + 600, from: 'live' }, loser: { client: 'mac:02:00:00:00:30:10', expiry: LATER, from: 'incoming' } },
    ]);
    expect(await readFile(live, 'utf8')).toBe(mine);
  });

  it('lease inbox › live already holding the result is not rewritten (same inode), base still moves on', async () => {
    await applyToLive({ live, from: await receive(PEER_A), now: NOW });
    const before = await stat(live);
    const result = await applyToLive({ live, from: await receive(PEER_A), now: NOW });
    expect(result.changed).toBe(false);
    expect((await stat(live)).ino).toBe(before.ino);
    expect(await readFile(paths.base, 'utf8')).toBe(PEER_A);
  });

  it("lease inbox › a rewrite keeps live's mode and leaves no temp file behind", async () => {
    await writeFile(live, '');
    await chmod(live, 0o600);
    await applyToLive({ live, from: await receive(PEER_A), now: NOW });
    expect((await stat(live)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['.routerd-inbox', 'dnsmasq.leases']);
  });

  it("lease inbox › delivery replace writes the peer's file over live, local leases included", async () => {
    await applyToLive({ live, from: await receive(PEER_A), now: NOW });
    await writeFile(live, PEER_A + LOCAL);
    const result = await applyToLive({ live, from: await receive(PEER_B), now: NOW, delivery: 'replace' });
    expect(await readFile(live, 'utf8')).toBe(PEER_B);
    expect(result).toEqual({ changed: true, leases: 1, taken: 1, kept: 0, conflicts: [] });
    expect(await readFile(paths.base, 'utf8')).toBe(PEER_B);
  });

  it('lease inbox › a file that holds one address thousands of times is refused with a message of bounded size', () => {
    const problems = Array.from({ length: 60_000 }, (_, i) => `line ${i + 2}: the lease key 192.0.2.${i % 200} is held twice`);
    const error = new LeaseMergeInputError('live', problems);
    expect(error.problems).toHaveLength(60_000);
    expect(error.message).toMatch(/; and 59995 more$/);
    expect(error.message.length).toBeLessThan(500);
  });

  it('lease inbox › a bad incoming file is refused: LeaseMergeInputError, live and base untouched', async () => {
    await applyToLive({ live, from: await receive(PEER_A), now: NOW });
    await writeFile(live, PEER_A + LOCAL);
    const before = await stat(live);
    const error = await applyToLive({ live, from: await receive('garbage line\n'), now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeaseMergeInputError);
    expect((error as LeaseMergeInputError).input).toBe('incoming');
    expect(await readFile(live, 'utf8')).toBe(PEER_A + LOCAL);
    expect((await stat(live)).ino).toBe(before.ino);
    expect(await readFile(paths.base, 'utf8')).toBe(PEER_A);
  });

  it('lease inbox › a missing from file and a now in milliseconds are refused, naming them', async () => {
    await expect(applyToLive({ live, from: join(dir, 'nothing'), now: NOW })).rejects.toThrow(new LeaseFileError('read', join(dir, 'nothing'), new Error('it does not exist')));
    await expect(applyToLive({ live, from: await receive(PEER_A), now: NOW * 1000 })).rejects.toThrow(LeaseOptionError);
    await expect(applyToLive({ live, from: await receive(PEER_A), now: NOW * 1000 })).rejects.toThrow(/expected now in Unix seconds/);
    await expect(applyToLive({ live: 'relative.leases', from: paths.incoming, now: NOW })).rejects.toThrow(/expected an absolute path/);
  });
});
