// What a pull sends: a stable snapshot of the live file, not the file itself. dnsmasq rewrites its lease
// file in place, so rsync reading it directly could ship a torn file to a node about to serve from it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseDnsmasqLeases, parsePdLease, readStableSnapshot } from '@routerd/leases';

export type PullSource =
  /** Send this file, then call cleanup. */
  | { kind: 'file'; path: string; cleanup: () => Promise<void> }
  /** No live file: rsync is run on the live path and says so to the puller itself. */
  | { kind: 'missing' }
  | { kind: 'failed'; why: string };

export async function pullSource(live: string, whole: boolean): Promise<PullSource> {
  const snapshot = await readStableSnapshot(live, { parse: whole ? parsePdLease : parseDnsmasqLeases });
  switch (snapshot.kind) {
    case 'missing':
      return { kind: 'missing' };
    case 'not-a-file':
      return { kind: 'failed', why: `${live} is not a regular file` };
    case 'unreadable':
      return { kind: 'failed', why: snapshot.error.message };
    case 'unstable':
      return { kind: 'failed', why: `${live} did not read the same twice and parse in ${snapshot.attempts} attempts: ${snapshot.lastError}` };
    case 'ok': {
      const dir = await mkdtemp(join(tmpdir(), 'routerd-lease-receiver-'));
      const path = join(dir, basename(live));
      await writeFile(path, snapshot.content, { mode: 0o600 });
      return { kind: 'file', path, cleanup: () => rm(dir, { recursive: true, force: true }) };
    }
  }
}
