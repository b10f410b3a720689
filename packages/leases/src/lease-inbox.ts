// Applying a peer's lease file (a push, a handback, a pull) to this node's live file, through the inbox
// beside it (@routerd/model inboxPaths). The caller holds the lease lock (withLeaseLock).
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { inboxPaths } from '@routerd/model';
import { ensureDir, modeOf, ownerFor, readIfExists, writeFileAtomic, type Owner } from './atomic-file.js';
import { LeaseFileError, LeaseOptionError } from './errors.js';
import { mergeLeaseFiles, type LeaseConflict } from './merge-leases.js';
import { parseDnsmasqLeases } from './parse-dnsmasq-leases.js';
import { parsePdLease } from './parse-pd-lease.js';

export type LeaseDelivery = 'merge' | 'replace';

export interface ApplyOptions {
  live: string;
  /** The peer's file: the inbox incoming, handback or pulled file. */
  from: string;
  /** Unix seconds, as mergeLeaseFiles takes it. */
  now: number;
  /** Default merge; replace writes `from` over live (the original behaviour). */
  delivery?: LeaseDelivery;
}

export interface ApplyResult {
  /** Whether live was written. */
  changed: boolean;
  /** Leases in live afterwards. */
  leases: number;
  taken: number;
  kept: number;
  conflicts: LeaseConflict[];
}

/** Unix seconds stay below this for millennia: a larger `now` is milliseconds by mistake. */
const MAX_UNIX_SECONDS = 100_000_000_000;
const DEFAULT_LIVE_MODE = 0o644;

function checkOptions({ live, from, now, delivery }: ApplyOptions): void {
  if (typeof from !== 'string' || !from.startsWith('/')) throw new LeaseOptionError(`applyToLive: expected from to be an absolute path, found ${JSON.stringify(from)}`);
  if (!Number.isInteger(now) || now < 0 || now >= MAX_UNIX_SECONDS) {
    throw new LeaseOptionError(`applyToLive: expected now in Unix seconds (a non-negative integer below ${MAX_UNIX_SECONDS}), found ${String(now)}`);
  }
  if (delivery !== undefined && delivery !== 'merge' && delivery !== 'replace') {
    throw new LeaseOptionError(`applyToLive: expected delivery "merge" or "replace", found ${JSON.stringify(delivery)}`);
  }
  inboxPaths(live);
}

async function liveOwner(live: string): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const s = await stat(live);
    return { uid: s.uid, gid: s.gid };
  } catch {
    return ownerFor(dirname(live));
  }
}

/** The leases of a file written whole: a dnsmasq lease file's, or a PD client's lease.json's; 0 when it is neither. */
function countLeases(text: string): number {
  for (const parse of [parseDnsmasqLeases, parsePdLease]) {
    const parsed = parse(text);
    if (parsed.ok) return parsed.v4.length + parsed.v6.length;
  }
  return 0;
}

/**
 * Merges file `from` into `live` (three-way, base = the inbox base; delivery replace writes it over
 * live), writes live atomically only if its text changes (keeping its mode; creating live and the inbox
 * dir when missing), then copies `from` to base. A missing live or base counts as empty; a file that is
 * not a dnsmasq lease file throws LeaseMergeInputError and nothing is written.
 */
export async function applyToLive(options: ApplyOptions): Promise<ApplyResult> {
  checkOptions(options);
  const { live, from, now } = options;
  const paths = inboxPaths(live);
  const incoming = await readIfExists(from);
  if (incoming === undefined) throw new LeaseFileError('read', from, new Error('it does not exist'));
  const current = await readIfExists(live);

  let text: string;
  let result: Omit<ApplyResult, 'changed'>;
  if (options.delivery === 'replace') {
    text = incoming;
    const leases = countLeases(incoming);
    result = { leases, taken: leases, kept: 0, conflicts: [] };
  } else {
    const merged = mergeLeaseFiles({ base: (await readIfExists(paths.base)) ?? '', live: current ?? '', incoming, now });
    text = merged.text;
    result = { leases: merged.taken + merged.kept, taken: merged.taken, kept: merged.kept, conflicts: [...merged.conflicts] };
  }

  const changed = current === undefined || current !== text;
  if (changed) {
    const mode = (await modeOf(live)) ?? DEFAULT_LIVE_MODE;
    await writeFileAtomic(live, text, { mode, owner: await liveOwner(live) });
  }
  const owner = await ownerFor(dirname(live));
  await ensureDir(paths.dir, owner);
  if (from !== paths.base) await writeFileAtomic(paths.base, incoming, { mode: 0o644, owner });
  return { changed, ...result };
}
