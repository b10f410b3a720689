// The long-running `ip -j -batch -` against real `ip` in a network namespace this test creates: every read
// is a fresh dump from one child; a namespace re-created under its name, a child that dies and one that
// hangs are each noticed, and stop leaves no process.
import { execa } from 'execa';
import { holdsAddress } from '@routerd/agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddressReader, type AddressReader } from './address-reader.js';

const NS = `rdtest-reader-${process.pid}`;
const ipns = (...args: string[]) => execa('ip', ['-n', NS, ...args]);

async function makeNamespace(address: string): Promise<void> {
  await execa('ip', ['netns', 'add', NS]);
  await ipns('link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'lan0p');
  await ipns('link', 'set', 'lan0', 'up');
  await ipns('addr', 'add', address, 'dev', 'lan0');
}

const holds = async (reader: AddressReader, address: string) => holdsAddress((await reader.read()).get('lan0') ?? [], 'ipv4', address);

function alive(pid: number | undefined): boolean {
  try {
    if (pid === undefined) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function batchPids(): Promise<number[]> {
  const found = await execa('pgrep', ['-f', `ip -n ${NS} -j -batch -`], { reject: false });
  return found.stdout.split('\n').filter((l) => l !== '').map(Number);
}

describe('vip-watcher › address reader (one ip -j -batch -)', () => {
  beforeAll(async () => {
    await makeNamespace('192.0.2.10/24');
  });
  afterAll(async () => {
    await execa('ip', ['netns', 'del', NS], { reject: false });
  });

  it('vip-watcher › every read is a fresh dump from the one child: an address added or removed shows at the next read', async () => {
    const reader = createAddressReader({ ipCommand: ['ip', '-n', NS], netns: NS });
    try {
      expect(await holds(reader, '192.0.2.1')).toBe(false);
      await ipns('addr', 'add', '192.0.2.1/32', 'dev', 'lan0');
      expect(await holds(reader, '192.0.2.1')).toBe(true);
      await ipns('addr', 'del', '192.0.2.1/32', 'dev', 'lan0');
      expect(await holds(reader, '192.0.2.1')).toBe(false);
      // Reads asked together are answered in turn.
      const many = await Promise.all([reader.read(), reader.read(), reader.read()]);
      expect(many.map((a) => holdsAddress(a.get('lan0') ?? [], 'ipv4', '192.0.2.10'))).toEqual([true, true, true]);
      expect(reader.started).toBe(1);
    } finally {
      await reader.stop();
    }
    expect(await batchPids()).toEqual([]);
  });

  it('vip-watcher › a namespace re-created under its name is read anew, not the one the child entered; a gone one fails the read', async () => {
    const reader = createAddressReader({ ipCommand: ['ip', '-n', NS], netns: NS });
    try {
      expect(await holds(reader, '192.0.2.10')).toBe(true);
      await execa('ip', ['netns', 'del', NS]);
      await expect(reader.read()).rejects.toThrow(`ip -n ${NS} -j -batch -: the network namespace ${NS} cannot be read`);
      await makeNamespace('192.0.2.20/24');
      // The first child still sits in the deleted namespace (it holds it alive): reading through it would say 192.0.2.10.
      expect(await holds(reader, '192.0.2.10')).toBe(false);
      expect(await holds(reader, '192.0.2.20')).toBe(true);
      expect(reader.started).toBe(2);
    } finally {
      await reader.stop();
    }
  });

  it('vip-watcher › a child that dies is replaced at the next read; one that does not answer in time fails the read and is killed', async () => {
    const reader = createAddressReader({ ipCommand: ['ip', '-n', NS], netns: NS });
    try {
      await reader.read();
      const [first] = await batchPids();
      process.kill(first ?? 0, 'SIGKILL');
      await expect.poll(() => alive(first)).toBe(false);
      await reader.read().catch(() => undefined);
      expect(await holds(reader, '192.0.2.20')).toBe(true);
      expect(reader.started).toBeGreaterThanOrEqual(2);
    } finally {
      await reader.stop();
    }

    // `sh -c 'exec sleep …'` stands for an ip that hangs: it reads nothing and answers nothing.
    const hung = createAddressReader({ ipCommand: ['sh', '-c', 'exec sleep 30', 'ip'], timeoutMs: 200 });
    await expect(hung.read()).rejects.toThrow('sh -c exec sleep 30 ip -j -batch - did not answer within 200 ms');
    await expect(hung.read()).rejects.toThrow('did not answer within 200 ms');
    expect(hung.started).toBe(2);
    await hung.stop();
  });
});
