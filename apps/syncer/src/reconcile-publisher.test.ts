import { decode, reconcileEventSchema, type ReconcileEvent } from '@routerd/bus';
import type { SyncJob } from '@routerd/model';
import type { NatsConnection } from 'nats';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createReconcilePublisher } from './reconcile-publisher.js';

const job = { id: 'DHCPv4ServerLeaseSync/lan-v4-leases', kind: 'DHCPv4ServerLeaseSync', name: 'lan-v4-leases', source: { kind: 'DHCPv4Server', name: 'lan-dhcpv4', path: '/l' } } as SyncJob;
const AT = Date.parse('2024-05-01T12:00:02.000Z');

function setup() {
  const sent: { subject: string; event: ReconcileEvent }[] = [];
  const lines: { level: string; msg: string }[] = [];
  const nc = {
    publish(subject: string, data: Uint8Array) {
      const decoded = decode(reconcileEventSchema, data, subject);
      if (!decoded.ok) throw decoded.error;
      sent.push({ subject, event: decoded.value });
    },
  } as unknown as NatsConnection;
  const log = pino({ level: 'debug', formatters: { level: (label) => ({ level: label }) } }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: string; msg: string }) });
  return { sent, lines, publish: createReconcilePublisher({ nc, node: 'r1', log }) };
}

describe('reconcile-publisher', () => {
  it('syncer › a note becomes a ReconcileEvent of the source on routerd.<node>.reconcile.<Kind>.<name>, logged at info', () => {
    const s = setup();
    s.publish(job, { action: 'push-merged', peer: 'router-b', at: AT, message: 'router-b merged the push: 3 leases (2 taken, 1 kept), 0 conflicts', leases: 3, taken: 2, kept: 1, conflicts: [] });
    expect(s.sent).toEqual([
      {
        subject: 'routerd.r1.reconcile.DHCPv4Server.lan-dhcpv4',
        event: {
          type: 'reconcile.event', node: 'r1', kind: 'DHCPv4Server', name: 'lan-dhcpv4', action: 'push-merged', peer: 'router-b', at: '2024-05-01T12:00:02.000Z',
          message: 'router-b merged the push: 3 leases (2 taken, 1 kept), 0 conflicts', leases: 3, taken: 2, kept: 1, conflicts: [],
        },
      },
    ]);
    expect(s.lines).toEqual([expect.objectContaining({ level: 'info', msg: 'DHCPv4ServerLeaseSync/lan-v4-leases: router-b merged the push: 3 leases (2 taken, 1 kept), 0 conflicts' })]);
  });

  it('syncer › refusals, conflicts and failed handbacks are logged at warn', () => {
    const s = setup();
    s.publish(job, { action: 'push-refused', peer: 'router-b', at: AT, message: 'split brain: router-b serves', reason: 'SplitBrain' });
    s.publish(job, { action: 'handback-sent', peer: 'router-b', at: AT, message: 'handback to router-b failed', reason: 'Failed' });
    s.publish(job, { action: 'handback-sent', peer: 'router-b', at: AT, message: 'handback to router-b: sent' });
    expect(s.lines.map((l) => l.level)).toEqual(['warn', 'warn', 'info']);
    expect(s.sent.map((x) => x.event.reason)).toEqual(['SplitBrain', 'Failed', undefined]);
  });

  it('syncer › an event the schema refuses is logged as an error, never thrown', () => {
    const s = setup();
    expect(() => s.publish(job, { action: 'push-merged', peer: 'router-b', at: AT, message: '' })).not.toThrow();
    expect(s.sent).toEqual([]);
    expect(s.lines.at(-1)).toMatchObject({ level: 'error' });
    expect(s.lines.at(-1)?.msg).toMatch(/^cannot publish the reconcile event of DHCPv4ServerLeaseSync\/lan-v4-leases: refusing to publish/);
  });
});
