// The promoter's merges into live and its lock around dnsmasq's start, built from @routerd/leases'
// applyToLive and withLeaseLock, which the agent passes in (agent.ts).
import type { LeaseConflictRecord } from '@routerd/bus';
import { LeaseMergeInputError } from '@routerd/leases';
import { inboxPaths } from '@routerd/model';
import { claimedHandback, rejectedHandback, type InboxFs } from './inbox.js';
import type { MergeCounts } from './machine/messages.js';

/** What applyToLive returns (its ApplyResult). */
export interface ApplyOutcome {
  changed: boolean;
  leases: number;
  taken: number;
  kept: number;
  conflicts: readonly Readonly<LeaseConflictRecord>[];
}

/** @routerd/leases' two functions, as the promoter calls them. */
export interface LeaseFunctions {
  /** Merges `from` into `live` (three-way, base in the inbox), writes live atomically, copies `from` to base. `now`: Unix seconds. */
  applyToLive(options: { live: string; from: string; now: number }): Promise<ApplyOutcome>;
  /** Runs fn holding live's lock (the inbox `lock`). */
  withLeaseLock<T>(live: string, fn: () => Promise<T>): Promise<T>;
}

/** What the driver needs: merges into live under its lock, and the locks held while dnsmasq starts. */
export interface LeaseReconciler {
  /** Merges live's handback or pulled copy into it; 'gone' when the handback was merged by the receiver meanwhile. */
  merge(request: { live: string; source: 'handback' | 'pull'; now: number }): Promise<MergeCounts | 'gone'>;
  /** Runs fn holding the lock of each live file, taken in the order given. */
  holding<T>(lives: readonly string[], fn: () => Promise<T>): Promise<T>;
}

function countsOf(result: ApplyOutcome): MergeCounts {
  const party = (p: LeaseConflictRecord['winner']) => ({ client: p.client, expiry: p.expiry, from: p.from });
  const { changed, leases, taken, kept } = result;
  return { changed, leases, taken, kept, conflicts: result.conflicts.map((c) => ({ address: c.address, winner: party(c.winner), loser: party(c.loser) })) };
}

export function createLeaseReconciler(leases: LeaseFunctions, fs: InboxFs): LeaseReconciler {
  async function mergeHandback(live: string, now: number): Promise<MergeCounts | 'gone'> {
    const claimed = claimedHandback(live);
    if (!(await fs.exists(claimed)) && !(await fs.rename(inboxPaths(live).handback, claimed))) return 'gone';
    try {
      const result = await leases.applyToLive({ live, from: claimed, now });
      await fs.remove(claimed);
      return countsOf(result);
    } catch (error) {
      // Not a lease file: it never will merge, so it is put aside; anything else is tried again with the next heal.
      if (error instanceof LeaseMergeInputError && error.input === 'incoming') {
        await fs.rename(claimed, rejectedHandback(live));
        throw new Error(`${error.message} (put aside as ${rejectedHandback(live)})`, { cause: error });
      }
      throw error;
    }
  }

  return {
    merge: ({ live, source, now }) =>
      leases.withLeaseLock(live, async () => {
        if (source === 'handback') return mergeHandback(live, now);
        const { pulled } = inboxPaths(live);
        const result = await leases.applyToLive({ live, from: pulled, now });
        await fs.remove(pulled);
        return countsOf(result);
      }),
    holding: <T>(lives: readonly string[], fn: () => Promise<T>): Promise<T> =>
      lives.reduceRight<() => Promise<T>>((inner, live) => () => leases.withLeaseLock(live, inner), fn)(),
  };
}
