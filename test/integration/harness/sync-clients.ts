// Which of the processes testkit finds (processesMentioning) are the syncer's rsync and ssh clients.
import type { ProcessEntry } from '@routerd/testkit';

/** rsync and ssh clients (ControlMasters included) started on the active side; the standby's `rsync --server` is not one. */
export function isSyncClient(entry: ProcessEntry): boolean {
  return /^(\S*\/)?(rsync|ssh)( |:)/.test(entry.cmdline) && !/ --server /.test(`${entry.cmdline} `);
}
