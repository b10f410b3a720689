import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inboxPaths } from '@routerd/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeaseLockBusyError } from './errors.js';
import { withLeaseLock } from './lease-lock.js';
import { currentBootId } from './lock-holder.js';

let dir: string;
let live: string;
let lock: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lease-lock-'));
  live = join(dir, 'dnsmasq.leases');
  lock = inboxPaths(live).lock;
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** A lock left by another process: its directory and record. */
async function heldBy(record: string): Promise<void> {
  await mkdir(lock, { recursive: true });
  await writeFile(join(lock, 'holder'), record);
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A process that has exited and been reaped: its pid names nothing (barring reuse within the test). */
async function deadPid(): Promise<number> {
  const child = spawn('true', { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('could not run true');
  return child.pid;
}

function sleeper(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('could not run sleep');
  return child.pid;
}

describe('lease lock › withLeaseLock', () => {
  it('lease lock › holds the lock, recording this process, while fn runs; releases it after, also when fn throws', async () => {
    const inside = await withLeaseLock(live, async () => readFile(join(lock, 'holder'), 'utf8'));
    expect(inside.split(' ')[0]).toBe(String(process.pid));
    expect(inside.trim().split(' ')[2]).toBe(await currentBootId());
    expect(await exists(lock)).toBe(false);
    await expect(withLeaseLock(live, () => Promise.reject(new Error('merge failed')))).rejects.toThrow('merge failed');
    expect(await exists(lock)).toBe(false);
  });

  it('lease lock › a second taker waits for the first to release', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = withLeaseLock(live, async () => {
      order.push('first in');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first out');
    });
    while (!(await exists(join(lock, 'holder')))) await new Promise((r) => setTimeout(r, 5));
    const second = withLeaseLock(live, async () => void order.push('second in'), { waitMs: 30_000 });
    await new Promise((r) => setTimeout(r, 120));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });

  it('lease lock › a lock held by a dead pid is taken over', async () => {
    await heldBy(`${await deadPid()}\n`);
    expect(await withLeaseLock(live, () => Promise.resolve('ran'), { waitMs: 0 })).toBe('ran');
    expect(await exists(lock)).toBe(false);
  });

  it('lease lock › a lock recorded in another boot is taken over, though its pid runs now', async () => {
    await heldBy(`${process.pid} 1 00000000-0000-0000-0000-000000000000\n`);
    expect(await withLeaseLock(live, () => Promise.resolve('ran'), { waitMs: 0 })).toBe('ran');
  });

  it('lease lock › a lock held by a running pid: LeaseLockBusyError naming it after waitMs, fn never runs, the lock kept', async () => {
    const pid = sleeper();
    await heldBy(`${pid}\n`);
    let ran = false;
    const error = await withLeaseLock(live, () => Promise.resolve((ran = true)), { waitMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeaseLockBusyError);
    expect((error as LeaseLockBusyError).holder).toBe(pid);
    expect((error as Error).message).toMatch(new RegExp(`^the lease lock ${lock} is held by pid ${pid}, still after \\d+ ms$`));
    expect(ran).toBe(false);
    expect(await readFile(join(lock, 'holder'), 'utf8')).toBe(`${pid}\n`);
  });

  it('lease lock › a lock directory without a record: busy while young, taken over once old', async () => {
    await mkdir(lock, { recursive: true });
    await expect(withLeaseLock(live, () => Promise.resolve(), { waitMs: 0 })).rejects.toThrow(/held by a process that has not written its pid yet/);
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    expect(await withLeaseLock(live, () => Promise.resolve('ran'), { waitMs: 0 })).toBe('ran');
  });

  it('lease lock › a bad waitMs is refused', async () => {
    await expect(withLeaseLock(live, () => Promise.resolve(), { waitMs: -1 })).rejects.toThrow('withLeaseLock: expected waitMs to be a non-negative number, found -1');
  });
});
