// What the receiver did with a handback while this node did not serve. A demoted peer hands its last
// file back once its server stopped (the syncer); when that lands before this node holds the VIP, the
// receiver merges it into live at once and removes it, and the new mastership that follows finds no
// handback to wait for: without this trace it would wait all of `settle` for one that never comes again.
// The trace watches each inbox (inotify) and remembers when a handback vanished that this promoter did
// not claim: only the receiver removes one, and only once it is merged (an operator's `rm` would read
// the same). A push that lands after it means the peer served again since, and voids it. A trace it
// missed (an agent restart, a lost event) only costs the wait it costs without the trace.
import { basename } from 'node:path';
import type { Clock } from '@routerd/agent';
import { inboxPaths } from '@routerd/model';
import { claimedHandback, type InboxFs } from './inbox.js';

export interface HandbackTrace {
  /** Starts watching live's inbox (once per file; a dir that cannot be watched is not traced). */
  watch(live: string): Promise<void>;
  /** Whether the receiver merged live's handback at or after `since` (monotonic ms), with no push landing after it; once the looks of the events so far ended. */
  mergedSince(live: string, since: number): Promise<boolean>;
  /** Stops every watch. */
  close(): void;
}

interface Traced {
  close: () => void;
  /** When the receiver was last seen to have merged a handback. */
  mergedAt: number | undefined;
  /** When a push last landed: a merge before it is void. */
  pushedAt: number | undefined;
  /** Looks in order: each event's look starts after the one before ended. */
  looking: Promise<void>;
}

export function createHandbackTrace(fs: InboxFs, clock: Clock): HandbackTrace {
  const traced = new Map<string, Traced>();
  let closed = false;

  /** An event named the handback at `at`: gone now, and not claimed by this promoter, it was the receiver's merge. */
  async function look(live: string, entry: Traced, at: number): Promise<void> {
    const { handback } = inboxPaths(live);
    if ((await fs.exists(handback)) || (await fs.exists(claimedHandback(live)))) return;
    entry.mergedAt = Math.max(entry.mergedAt ?? at, at);
  }

  return {
    async watch(live) {
      if (closed || traced.has(live)) return;
      const paths = inboxPaths(live);
      const names = { handback: basename(paths.handback), incoming: basename(paths.incoming) };
      await fs.ensureDir(paths.dir).catch(() => undefined);
      const entry: Traced = { close: () => undefined, mergedAt: undefined, pushedAt: undefined, looking: Promise.resolve() };
      const close = fs.watch?.(paths.dir, (name) => {
        const at = clock.monotonic();
        if (name === names.incoming) entry.pushedAt = at;
        else if (name === names.handback) entry.looking = entry.looking.then(() => look(live, entry, at)).catch(() => undefined);
      });
      if (close === undefined) return;
      entry.close = close;
      if (closed || traced.has(live)) close();
      else traced.set(live, entry);
    },
    async mergedSince(live, since) {
      const entry = traced.get(live);
      if (entry === undefined) return false;
      await entry.looking;
      const { mergedAt, pushedAt } = entry;
      return mergedAt !== undefined && mergedAt >= since && (pushedAt === undefined || pushedAt < mergedAt);
    },
    close() {
      closed = true;
      for (const entry of traced.values()) entry.close();
      traced.clear();
    },
  };
}
