import { rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifyFifo, type NotifyFifo } from './notify-fifo.js';
import { memoryLogger, tempDir } from './testing/fixtures.js';

/** Writes as keepalived does: open for writing, write lines, close. */
async function keepalivedWrites(path: string, lines: readonly string[]): Promise<void> {
  const handle = await open(path, 'w');
  try {
    for (const line of lines) await handle.write(`${line}\n`);
  } finally {
    await handle.close();
  }
}

describe('vip-watcher › keepalived notify FIFO', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let fifo: NotifyFifo | undefined;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'keepalived.fifo');
  });
  afterEach(() => {
    fifo?.stop();
    fifo = undefined;
    dir.remove();
  });

  it('vip-watcher › reads lines in order and survives keepalived closing and reopening it', async () => {
    await execa('mkfifo', [path]);
    const lines: string[] = [];
    fifo = createNotifyFifo({ path, log: memoryLogger().log, onLine: (l) => lines.push(l) });
    fifo.start();
    await vi.waitFor(() => expect(fifo?.open).toBe(true));
    await keepalivedWrites(path, ['INSTANCE "LAN" BACKUP 150', 'INSTANCE "LAN" MASTER 150']);
    await vi.waitFor(() => expect(lines).toHaveLength(2));
    // keepalived restarts: a new writer, no EOF seen by the reader.
    await keepalivedWrites(path, ['INSTANCE "LAN" STOP 150']);
    await keepalivedWrites(path, ['INSTANCE "LAN" BACKUP 150']);
    await vi.waitFor(() => expect(lines).toEqual(['INSTANCE "LAN" BACKUP 150', 'INSTANCE "LAN" MASTER 150', 'INSTANCE "LAN" STOP 150', 'INSTANCE "LAN" BACKUP 150']));
    expect(fifo.open).toBe(true);
  });

  it('vip-watcher › waits for a missing FIFO, warning once, and opens it when it appears', async () => {
    const mem = memoryLogger();
    const lines: string[] = [];
    fifo = createNotifyFifo({ path, log: mem.log, onLine: (l) => lines.push(l), retryMs: 20 });
    fifo.start();
    await new Promise((r) => setTimeout(r, 120));
    expect(fifo.open).toBe(false);
    expect(mem.messages('warn')).toEqual([`keepalived notify FIFO ${path}: cannot open it (ENOENT: no such file or directory, stat '${path}'); retrying`]);
    await execa('mkfifo', [path]);
    await vi.waitFor(() => expect(fifo?.open).toBe(true));
    await keepalivedWrites(path, ['INSTANCE "LAN" FAULT 150']);
    await vi.waitFor(() => expect(lines).toEqual(['INSTANCE "LAN" FAULT 150']));
  });

  it('vip-watcher › reopens a FIFO that was replaced on disk', async () => {
    await execa('mkfifo', [path]);
    const lines: string[] = [];
    fifo = createNotifyFifo({ path, log: memoryLogger().log, onLine: (l) => lines.push(l), retryMs: 20 });
    fifo.start();
    await vi.waitFor(() => expect(fifo?.open).toBe(true));
    rmSync(path);
    await execa('mkfifo', [path]);
    await fifo.check();
    await vi.waitFor(() => expect(fifo?.open).toBe(true));
    await keepalivedWrites(path, ['INSTANCE "LAN" MASTER 150']);
    await vi.waitFor(() => expect(lines).toEqual(['INSTANCE "LAN" MASTER 150']));
  });

  it('vip-watcher › refuses a path that is not a FIFO, saying what it is', async () => {
    writeFileSync(path, 'not a fifo');
    const mem = memoryLogger();
    fifo = createNotifyFifo({ path, log: mem.log, onLine: () => {}, retryMs: 20 });
    fifo.start();
    await vi.waitFor(() => expect(mem.messages('warn')).toEqual([`keepalived notify FIFO ${path}: expected a FIFO, found a regular file or other file type`]));
    expect(fifo.open).toBe(false);
  });
});
