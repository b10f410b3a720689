import { describe, expect, it } from 'vitest';
import { lagProfile, parseProfileLines } from './lag-profile.js';

const T = 9_000_000;
/** The wall clock (the wrapper's) at T. */
const W = 1_800_000_000_000;
const line = (msg: string, fields: object) => JSON.stringify({ level: 'debug', time: '2027-01-15T08:00:00.000Z', msg, ...fields });

const watcherLog = [
  line('/s/dnsmasq.leases changed', { sha256: 'aa' }),
  line('profile: /s/dnsmasq.leases published', { sha256: 'aa', profile: { firstEventAt: T + 1, lastEventAt: T + 1.5, events: 2, readAt: T + 26, readDoneAt: T + 48, publishedAt: T + 49 } }),
  'not json, from a crash',
].join('\n');
const syncerLog = [
  line('profile: lease event', { profile: { sha256: 'aa', receivedAt: T + 50 } }),
  line('profile: source read', { profile: { sha256: 'aa', readAt: T + 50.5, stagedAt: T + 52, hinted: true } }),
  line('profile: rsync', { profile: { sha256: 'aa', target: 't', offeredAt: T + 52.2, spawnAt: T + 52.4, spawnWallAt: W + 52, exitAt: T + 90, exitCode: 0 } }),
].join('\n');

describe('lag-profile', () => {
  it('lag-profile › reads the profile lines of both agents and skips the others', () => {
    const watcher = parseProfileLines(watcherLog, 'lease-watcher.log');
    expect(watcher).toEqual([{ what: 'published', sha256: 'aa', times: { firstEventAt: T + 1, lastEventAt: T + 1.5, events: 2, readAt: T + 26, readDoneAt: T + 48, publishedAt: T + 49 } }]);
    expect(parseProfileLines(syncerLog, 'syncer.log').map((l) => [l.what, l.sha256])).toEqual([['lease event', 'aa'], ['source read', 'aa'], ['rsync', 'aa']]);
  });

  it('lag-profile › a profile line that is not JSON names the log and the line', () => {
    expect(() => parseProfileLines('{"msg":"profile: rsync", broken', 'syncer.log')).toThrow('syncer.log line 1: expected a pino JSON line with a profile');
  });

  it('lag-profile › joins a write with its lines by sha256 and splits its lag into stages', () => {
    const writes = [
      { sha256: 'aa', writeAt: T, identicalAt: [T + 80] },
      // Coalesced into a later push: no line carries its sha256.
      { sha256: 'bb', writeAt: T + 60, identicalAt: [T + 95] },
    ];
    const runs = [{ pid: 1, startMs: W + 55, endMs: W + 85, exitCode: 0, sent: 1, received: 1, destination: 'd' }];
    const profile = lagProfile(writes, parseProfileLines(watcherLog, 'w'), parseProfileLines(syncerLog, 's'), runs);
    expect(profile.writes).toBe(2);
    expect(profile.matched).toBe(1);
    const p50 = Object.fromEntries(profile.stages.map((s) => [s.stage, s.summary.p50]));
    expect(p50).toEqual({
      inotify: 1,
      debounce: 25,
      'stable read': 22,
      publish: 1,
      NATS: 1,
      'syncer queue': 0.5,
      'syncer read + stage': 1.5,
      'wait for rsync in flight': 0.2,
      'spawn -> wrapper': 3,
      'rsync in the wrapper': 30,
      'spawn -> identical': 27.6,
      'identical -> exit seen': 10,
      total: 80,
    });
  });
});
