// The merge step the driver carries out: each fetched file into its live file, one after the other,
// each under that file's lock (lease-files.ts); a failure is reported, never thrown.
import { errorMessage } from '@routerd/model';
import type { LeaseReconciler } from './lease-files.js';
import type { Merged, MergeSource } from './machine/messages.js';

/** `now`: Unix seconds, which decide the leases that still hold their address. */
export async function mergeIntoLive(reconciler: LeaseReconciler, sources: readonly MergeSource[], now: number): Promise<Merged[]> {
  const results: Merged[] = [];
  for (const { live, source } of sources) {
    try {
      const counts = await reconciler.merge({ live, source, now });
      results.push(counts === 'gone' ? { live, outcome: 'gone' } : { live, outcome: 'merged', counts });
    } catch (error) {
      results.push({ live, outcome: 'failed', error: errorMessage(error) });
    }
  }
  return results;
}
