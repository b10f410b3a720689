import { describe, expect, it } from 'vitest';
import { decode } from '../codec.js';
import { sampleSyncStatus } from './samples.js';
import { boundOutput, MAX_OUTPUT_BYTES, syncStatusSchema, type SyncStatus } from './sync-status.js';

const failing: SyncStatus = {
  ...sampleSyncStatus,
  phase: 'Error',
  reason: 'SyncFailed',
  message: 'standby: rsync exited with 255',
  targets: [
    {
      name: 'standby',
      host: '198.51.100.2',
      phase: 'Error',
      lastAttemptAt: '2024-05-01T12:00:05.000Z',
      durationMs: 10012,
      exitCode: 255,
      output: 'ssh: connect to host 198.51.100.2 port 22: Connection timed out\r\nrsync: connection unexpectedly closed',
      consecutiveFailures: 3,
      nextAttemptAt: '2024-05-01T12:00:13.000Z',
    },
  ],
};

const subject = 'routerd.r1.sync.DHCPv4ServerLeaseSync.lan-v4-leases';
const messages = (value: unknown) => syncStatusSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('SyncStatus', () => {
  it('SyncStatus › accepts a synced status, a failing one and each pending reason', () => {
    expect(syncStatusSchema.parse(sampleSyncStatus)).toEqual(sampleSyncStatus);
    expect(syncStatusSchema.safeParse(failing).success).toBe(true);
    for (const reason of ['SourceMissing', 'WhenFalse', 'WhenUnknown', 'SourceUnstable'] as const) {
      const { syncedAt: _s, source: _src, ...rest } = sampleSyncStatus;
      expect(messages({ ...rest, phase: 'Pending', reason, gate: { truth: 'false', reasons: [] } })).toEqual([]);
    }
    expect(messages({ ...sampleSyncStatus, phase: 'Syncing' })).toEqual([]);
  });

  it('SyncStatus › keeps phases and reasons consistent with the reference table', () => {
    expect(messages({ ...sampleSyncStatus, reason: 'WhenFalse' })).toEqual(['reason: expected no reason for phase Synced, found WhenFalse']);
    expect(messages({ ...failing, reason: 'WhenFalse' })).toEqual([
      'reason: expected one of InvalidSpec, SourceStatFailed, SyncFailed, StagingFailed for phase Error, found WhenFalse',
    ]);
    expect(messages({ ...failing, reason: undefined })).toEqual([
      'reason: expected one of InvalidSpec, SourceStatFailed, SyncFailed, StagingFailed for phase Error, found none',
    ]);
    const { syncedAt: _s, ...unsynced } = sampleSyncStatus;
    expect(messages(unsynced)).toEqual(['syncedAt: expected syncedAt when the phase is Synced, found none']);
  });

  it('SyncStatus › a target says why it is not synced: the peer did not answer, the command failed, the push was stopped', () => {
    const silent = { ...failing.targets[0], reason: 'PeerNotAnswering', message: '198.51.100.2 does not answer: Connection timed out (exit code 255)' };
    expect(messages({ ...failing, targets: [silent] })).toEqual([]);
    for (const reason of ['CommandFailed', 'SplitBrain', 'Refused', 'WhenFalse', 'WhenUnknown', 'Stopped']) expect(messages({ ...failing, targets: [{ ...silent, reason }] })).toEqual([]);
    expect(messages({ ...failing, targets: [{ ...silent, reason: 'Flaky' }] })).toEqual([
      'targets.0.reason: Invalid option: expected one of "PeerNotAnswering"|"CommandFailed"|"SplitBrain"|"Refused"|"WhenFalse"|"WhenUnknown"|"Stopped"',
    ]);
  });

  it('SyncStatus › a staging failure is an Error of its own', () => {
    expect(messages({ ...failing, reason: 'StagingFailed', message: 'cannot write /run/routerd/syncer/x.tmp-1: ENOSPC: no space left on device' })).toEqual([]);
  });

  it('SyncStatus › refuses a negative lag or duration at the edge', () => {
    expect(messages({ ...sampleSyncStatus, lagMs: -3_599_550 })).toEqual(['lagMs: Too small: expected number to be >=0']);
    expect(messages({ ...failing, targets: [{ ...failing.targets[0], durationMs: -1 }] })).toEqual(['targets.0.durationMs: Too small: expected number to be >=0']);
  });

  it('SyncStatus › rejects an unknown phase with a readable message', () => {
    const result = decode(syncStatusSchema, JSON.stringify({ ...sampleSyncStatus, phase: 'Done' }), subject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(
      'bad message on "routerd.r1.sync.DHCPv4ServerLeaseSync.lan-v4-leases": expected JSON matching SyncStatus, found phase: Invalid option: expected one of "Synced"|"Pending"|"Error"|"Syncing", found "Done"',
    );
  });

  it('SyncStatus › bounds target output to 4 KiB', () => {
    const big = 'x'.repeat(MAX_OUTPUT_BYTES + 1);
    const bad = { ...failing, targets: [{ ...failing.targets[0], output: big }] };
    expect(messages(bad)).toEqual(['targets.0.output: expected command output of at most 4096 bytes (4 KiB; keep the tail with boundOutput)']);
    const good = { ...failing, targets: [{ ...failing.targets[0], output: boundOutput(big) }] };
    expect(messages(good)).toEqual([]);
  });
});

describe('boundOutput', () => {
  it('boundOutput › keeps short output as it is', () => {
    expect(boundOutput('rsync error: some files could not be transferred (code 23)')).toBe('rsync error: some files could not be transferred (code 23)');
  });

  it('boundOutput › keeps the tail of long output, marked, within the byte bound', () => {
    const text = `${'head '.repeat(2000)}the last line says why`;
    const bounded = boundOutput(text);
    expect(Buffer.byteLength(bounded)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
    expect(bounded.startsWith('[…truncated]\n')).toBe(true);
    expect(bounded.endsWith('the last line says why')).toBe(true);
  });

  it('boundOutput › never cuts a multi-byte character in half', () => {
    const bounded = boundOutput('é'.repeat(5000), 101);
    expect(Buffer.byteLength(bounded)).toBeLessThanOrEqual(101);
    expect(bounded).not.toContain('\uFFFD');
    expect(bounded.replace('[…truncated]\n', '')).toMatch(/^é+$/);
  });
});
