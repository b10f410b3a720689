import { leaseFileEventSchema } from '@routerd/bus';
import { SnapshotReadError } from '@routerd/leases';
import { describe, expect, it } from 'vitest';
import { changed, leaseFileEvents, stateOfSnapshot } from './file-state.js';
import { SHARED_DNSMASQ_FILE } from './testing/config.js';

const SHA = 'a'.repeat(64);
const ok = { kind: 'ok', content: Buffer.from('x\n'), sha256: SHA, size: 2, mtimeMs: 5, v4Count: 2, v6Count: 3 } as const;
const file = SHARED_DNSMASQ_FILE;
const PATH = file.path;

const osError = (code: string) => Object.assign(new Error(`${code}: failed, open '${PATH}'`), { code });

describe('lease-watcher › file state', () => {
  it('lease-watcher › a clean snapshot is parsed, with size, mtime, sha and counts', () => {
    expect(stateOfSnapshot(PATH, ok)).toEqual({ exists: true, size: 2, mtimeMs: 5, sha256: SHA, v4Count: 2, v6Count: 3, parsed: true });
  });

  it('lease-watcher › a torn file is not parsed and says why, with what a stat knows', () => {
    const state = stateOfSnapshot(PATH, { kind: 'unstable', attempts: 10, lastError: 'line 3: no newline at the end of the file' }, { size: 70, mtimeMs: 9 });
    expect(state).toEqual({
      exists: true,
      size: 70,
      mtimeMs: 9,
      parsed: false,
      parseError: 'no clean snapshot after 10 reads: line 3: no newline at the end of the file',
    });
  });

  it('lease-watcher › missing, a directory, unreadable, and a parent that became a file', () => {
    expect(stateOfSnapshot(PATH, { kind: 'missing' })).toEqual({ exists: false, parsed: false });
    expect(stateOfSnapshot(PATH, { kind: 'not-a-file' })).toEqual({
      exists: true,
      parsed: false,
      parseError: `expected a regular file at ${PATH}, found a directory or another kind of file`,
    });
    expect(stateOfSnapshot(PATH, { kind: 'unreadable', error: new SnapshotReadError(PATH, osError('EACCES')) })).toEqual({
      exists: true,
      parsed: false,
      parseError: `cannot read lease file ${PATH}: EACCES: failed, open '${PATH}'`,
    });
    expect(stateOfSnapshot(PATH, { kind: 'unreadable', error: new SnapshotReadError(PATH, osError('ENOTDIR')) })).toEqual({ exists: false, parsed: false });
  });

  it('lease-watcher › a change is a new existence, content or parse result, not a new mtime', () => {
    const base = stateOfSnapshot(PATH, ok);
    expect(changed(undefined, base)).toBe(true);
    expect(changed(base, { ...base, mtimeMs: 99 })).toBe(false);
    expect(changed(base, { ...base, sha256: 'b'.repeat(64) })).toBe(true);
    expect(changed(base, { exists: false, parsed: false })).toBe(true);
    expect(changed({ exists: true, parsed: false, parseError: 'a' }, { exists: true, parsed: false, parseError: 'b' })).toBe(false);
  });

  it('lease-watcher › one valid event per source, with the time of the first event', () => {
    const events = leaseFileEvents('router-a', file, stateOfSnapshot(PATH, ok), Date.UTC(2024, 4, 1, 12));
    expect(events.map((e) => `${e.kind}/${e.name}`)).toEqual(['DHCPv4Server/lan-dhcpv4', 'DHCPv6Server/lan-dhcpv6']);
    expect(events[0]).toEqual({
      type: 'lease.file',
      node: 'router-a',
      kind: 'DHCPv4Server',
      name: 'lan-dhcpv4',
      path: PATH,
      exists: true,
      size: 2,
      mtimeMs: 5,
      sha256: SHA,
      v4Count: 2,
      v6Count: 3,
      parsed: true,
      observedAt: '2024-05-01T12:00:00.000Z',
    });
    for (const event of events) expect(leaseFileEventSchema.safeParse(event).success).toBe(true);
    const missing = leaseFileEvents('router-a', file, { exists: false, parsed: false }, 0);
    expect(leaseFileEventSchema.safeParse(missing[0]).success).toBe(true);
  });
});
