import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleVipRoleEvent } from '@routerd/bus';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoleStoreError } from './errors.js';
import { carriedTransition, createRoleStore } from './role-store.js';
import { tempDir } from './testing/fixtures.js';

describe('vip-watcher › role store', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  const event = { ...sampleVipRoleEvent, name: 'lan-vip' };

  it('vip-watcher › saves under <runtimeDir>/vip-watcher/<name>.json and loads it back', async () => {
    const store = createRoleStore(dir.path);
    expect(await store.load('lan-vip')).toBeUndefined();
    await store.save(event);
    expect(JSON.parse(readFileSync(join(dir.path, 'vip-watcher', 'lan-vip.json'), 'utf8'))).toEqual(event);
    expect(await createRoleStore(dir.path).load('lan-vip')).toEqual(event);
  });

  it('vip-watcher › an invalid stored file is an error naming the file and the problem', async () => {
    mkdirSync(join(dir.path, 'vip-watcher'));
    const file = join(dir.path, 'vip-watcher', 'lan-vip.json');
    writeFileSync(file, '{"type":"vip.role"');
    await expect(createRoleStore(dir.path).load('lan-vip')).rejects.toThrow(`role store: ${file}: bad message on "${file}": expected JSON matching VipRoleEvent, found invalid JSON`);
    writeFileSync(file, JSON.stringify({ ...event, role: 'boss' }));
    await expect(createRoleStore(dir.path).load('lan-vip')).rejects.toThrow(/role: Invalid option/);
    writeFileSync(file, JSON.stringify({ ...event, name: 'wan-vip' }));
    await expect(createRoleStore(dir.path).load('lan-vip')).rejects.toThrow(`expected the event of "lan-vip", found one of "wan-vip"`);
  });

  it('vip-watcher › refuses names that are not resource names', async () => {
    await expect(createRoleStore(dir.path).load('../etc/passwd')).rejects.toThrow(RoleStoreError);
  });

  it('vip-watcher › a store that cannot be written says where', async () => {
    writeFileSync(join(dir.path, 'vip-watcher'), 'a file where the directory should be');
    await expect(createRoleStore(dir.path).save(event)).rejects.toThrow(`role store: cannot write ${join(dir.path, 'vip-watcher', 'lan-vip.json')}`);
  });

  it('vip-watcher › keeps the stored transition time only while the role is the same', () => {
    const stored = { ...event, role: 'master' as const, lastRoleTransitionAt: '2024-05-01T10:00:00.000Z' };
    expect(carriedTransition(stored, 'master', '2024-05-01T12:00:00.000Z')).toBe('2024-05-01T10:00:00.000Z');
    expect(carriedTransition(stored, 'backup', '2024-05-01T12:00:00.000Z')).toBe('2024-05-01T12:00:00.000Z');
    expect(carriedTransition(undefined, 'master', '2024-05-01T12:00:00.000Z')).toBe('2024-05-01T12:00:00.000Z');
  });
});
