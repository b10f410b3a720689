// Publishes each lease-safety decision about a sync's targets as a ReconcileEvent on
// routerd.<node>.reconcile.<SourceKind>.<name> (P7), and logs it: refusals, conflicts and failed
// handbacks at warn, so `journalctl -p warning` shows what an operator must look at.
import { encode, isSourceKind, reconcileEventSchema, reconcileSubject, type ReconcileEvent } from '@routerd/bus';
import type { SyncJob } from '@routerd/model';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { ReconcileNote } from './reconcile-notes.js';

export interface ReconcilePublisherDeps {
  nc: NatsConnection;
  node: string;
  log: Logger;
}

const isWarning = (note: ReconcileNote) => note.action === 'push-refused' || note.action === 'conflict' || (note.action === 'handback-sent' && note.reason !== undefined);

export function createReconcilePublisher({ nc, node, log }: ReconcilePublisherDeps): (job: SyncJob, note: ReconcileNote) => void {
  return (job, note) => {
    const { kind, name } = job.source;
    const fields = { sync: job.id, action: note.action, peer: note.peer, reason: note.reason };
    log[isWarning(note) ? 'warn' : 'info'](fields, `${job.id}: ${note.message}`);
    // The plan only makes syncs of source kinds; anything else has no reconcile subject.
    if (!isSourceKind(kind)) {
      log.error(fields, `${job.id}: no reconcile event for a source of kind ${kind}`);
      return;
    }
    const { at, ...rest } = note;
    const event: ReconcileEvent = { type: 'reconcile.event', node, kind, name, ...rest, at: new Date(at).toISOString() };
    try {
      const subject = reconcileSubject(node, kind, name);
      nc.publish(subject, encode(reconcileEventSchema, event, subject));
    } catch (error) {
      log.error({ ...fields, err: error }, `cannot publish the reconcile event of ${job.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
