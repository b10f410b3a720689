// Publishes each status change of a sync and logs it: failures at warn and the recovery from one at
// info, so `journalctl -p warning` shows the failures and nothing routine.
import { encode, syncStatusSchema, syncSubject, type SyncStatus } from '@routerd/bus';
import type { SyncJob } from '@routerd/model';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { expressible, statusFingerprint } from './status.js';

/** What the publisher remembers of one sync between changes. */
export interface Published {
  fingerprint?: string;
  /** An Error was published and no Synced since. */
  failing?: boolean;
}

export interface StatusPublisherDeps {
  nc: NatsConnection;
  node: string;
  log: Logger;
}

export function createStatusPublisher({ nc, node, log }: StatusPublisherDeps): (job: SyncJob, raw: SyncStatus, last: Published) => void {
  return (job, raw, last) => {
    const { status, problems } = expressible(raw);
    // A field out of range is our bug: say so, and publish the rest rather than nothing.
    if (problems.length > 0) log.error({ sync: job.id, problems }, `${job.id}: status fields out of range, published without them: ${problems.join('; ')}`);
    const fingerprint = statusFingerprint(status);
    if (fingerprint === last.fingerprint) return;
    last.fingerprint = fingerprint;
    const fields = { sync: job.id, phase: status.phase, reason: status.reason, lagMs: status.lagMs, message: status.message };
    const title = `${job.id} ${status.phase}${status.reason ? `/${status.reason}` : ''}`;
    if (status.phase === 'Error') {
      last.failing = true;
      log.warn(fields, `${title}: ${status.message ?? 'no message'}`);
    } else if (status.phase === 'Synced' && last.failing === true) {
      last.failing = false;
      log.info(fields, `${title}: recovered`);
    } else log.info(fields, title);
    const subject = syncSubject(node, job.kind, job.name);
    try {
      nc.publish(subject, encode(syncStatusSchema, status, subject));
    } catch (error) {
      log.error({ err: error, sync: job.id }, `cannot publish the status of ${job.id}`);
    }
  };
}
