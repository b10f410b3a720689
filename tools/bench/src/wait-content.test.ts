import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForContent } from './wait-content.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('wait-content', () => {
  it('wait-content › resolves when a renamed-into-place copy matches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdbench-test-'));
    dirs.push(dir);
    const file = join(dir, 'leases');
    await writeFile(file, 'old\n');
    const waiting = waitForContent(file, Buffer.from('new\n'), { timeoutMs: 5000, pollMs: 1000 });
    const before = performance.now();
    setTimeout(() => void writeFile(join(dir, '.tmp'), 'new\n').then(() => rename(join(dir, '.tmp'), file)), 50);
    const at = await waiting;
    expect(at).toBeGreaterThan(before);
  });

  it('wait-content › undefined after the timeout when the content never matches', async () => {
    expect(await waitForContent('/nonexistent/rdbench/leases', Buffer.from('x'), { timeoutMs: 100 })).toBeUndefined();
  });
});
