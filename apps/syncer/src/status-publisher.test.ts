import { decode, sampleSyncStatus, syncStatusSchema, type SyncStatus } from '@routerd/bus';
import type { SyncJob } from '@routerd/model';
import type { NatsConnection } from 'nats';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createStatusPublisher, type Published } from './status-publisher.js';

const job = { id: 'DHCPv4ServerLeaseSync/lan-v4-leases', kind: 'DHCPv4ServerLeaseSync', name: 'lan-v4-leases' } as SyncJob;
const failing: SyncStatus = {
  ...sampleSyncStatus,
  phase: 'Error',
  reason: 'SyncFailed',
  message: '1 of 1 targets failed; standby: 198.51.100.2 does not answer: Connection timed out (exit code 255)',
};

function setup() {
  const sent: SyncStatus[] = [];
  const lines: { level: string; msg: string }[] = [];
  const nc = {
    publish(subject: string, data: Uint8Array) {
      const decoded = decode(syncStatusSchema, data, subject);
      if (!decoded.ok) throw decoded.error;
      sent.push(decoded.value);
    },
  } as unknown as NatsConnection;
  const log = pino({ level: 'debug', formatters: { level: (label) => ({ level: label }) } }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: string; msg: string }) });
  const last: Published = {};
  const publish = createStatusPublisher({ nc, node: 'r1', log });
  return { sent, lines, send: (status: SyncStatus) => publish(job, status, last) };
}

describe('status-publisher', () => {
  it('syncer › a failure is logged at warn, the return to Synced at info, and the routine at info', () => {
    const s = setup();
    s.send({ ...sampleSyncStatus, phase: 'Syncing' });
    s.send(failing);
    s.send({ ...sampleSyncStatus, phase: 'Syncing' });
    s.send(sampleSyncStatus);
    expect(s.lines.map((l) => `${l.level} ${l.msg}`)).toEqual([
      'info DHCPv4ServerLeaseSync/lan-v4-leases Syncing',
      `warn DHCPv4ServerLeaseSync/lan-v4-leases Error/SyncFailed: ${failing.message}`,
      'info DHCPv4ServerLeaseSync/lan-v4-leases Syncing',
      'info DHCPv4ServerLeaseSync/lan-v4-leases Synced: recovered',
    ]);
    expect(s.sent.map((status) => status.phase)).toEqual(['Syncing', 'Error', 'Syncing', 'Synced']);
  });

  it('syncer › a status whose observedAt alone changed is not published again', () => {
    const s = setup();
    s.send(sampleSyncStatus);
    s.send({ ...sampleSyncStatus, observedAt: '2024-05-01T12:00:30.000Z' });
    expect(s.sent).toHaveLength(1);
  });

  it('syncer › a field out of range is dropped and logged, and the rest of the status is still published', () => {
    const s = setup();
    s.send({ ...sampleSyncStatus, lagMs: -3_599_550 });
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0]).toEqual((({ lagMs: _lag, ...rest }) => rest)(sampleSyncStatus));
    expect(s.lines[0]).toMatchObject({ level: 'error', msg: 'DHCPv4ServerLeaseSync/lan-v4-leases: status fields out of range, published without them: lagMs: Too small: expected number to be >=0' });
  });
});
