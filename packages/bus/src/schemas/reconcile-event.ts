// syncer and dhcp-promoter → `routerd.<node>.reconcile.<Kind>.<name>` (once per decision): what happened
// to the lease file of one DHCP source for lease safety (docs/lease-safety.md, P7). One event per merge,
// refusal, handback, pull and conflict, so `routerctl events` and `nats sub` show every decision.
import { z } from 'zod';
import { SOURCE_KINDS } from '../kinds.js';
import { countSchema, nodeSchema, resourceNameSchema, timestampSchema } from './common.js';

/**
 * push-merged / push-refused: a push of ours, as the peer's receiver reported it (the syncer publishes).
 * handback-sent: our last file went to the peer's inbox on demotion (syncer).
 * handback-merged / pull-merged / pull-failed: the promoter reconciled this node's file before or while serving.
 * conflict: one address two clients held, both unexpired; the winner kept it (published besides the merge).
 */
export const RECONCILE_ACTIONS = ['push-merged', 'push-refused', 'handback-sent', 'handback-merged', 'pull-merged', 'pull-failed', 'conflict'] as const;
export type ReconcileAction = (typeof RECONCILE_ACTIONS)[number];

/** Why a push or a pull did not merge: the receiver's refusal reasons, and a peer that did not answer. */
export const RECONCILE_REASONS = ['SplitBrain', 'BadCommand', 'UnknownPath', 'Busy', 'Failed', 'PeerNotAnswering'] as const;
export type ReconcileReason = (typeof RECONCILE_REASONS)[number];

export const conflictPartySchema = z.strictObject({
  client: z.string().min(1).meta({ description: 'The client identity: client-id, else MAC (v4); DUID (v6).' }),
  expiry: countSchema.meta({ description: 'Lease expiry, Unix seconds (0 = infinite).' }),
  from: z.enum(['live', 'incoming']).meta({ description: "Whose file held it: this node's (live) or the peer's (incoming)." }),
});

export const leaseConflictSchema = z.strictObject({
  address: z.string().min(1),
  winner: conflictPartySchema,
  loser: conflictPartySchema,
});
export type LeaseConflictRecord = z.infer<typeof leaseConflictSchema>;

/**
 * At most this many conflicts are listed in one message; `conflictCount` counts them all. A merge of a
 * large file against a stale one can find thousands, and a status or event must stay far below the
 * bus's maximum payload (a 3 MB lease file made the promoter's status unpublishable).
 */
export const MAX_LISTED_CONFLICTS = 20;

export const listedConflictsSchema = z
  .array(leaseConflictSchema)
  .max(MAX_LISTED_CONFLICTS, `expected at most ${MAX_LISTED_CONFLICTS} conflicts listed (conflictCount counts them all)`);

/** The first MAX_LISTED_CONFLICTS of `all`, and how many there are. */
export function listConflicts<T>(all: readonly T[]): { conflicts: T[]; conflictCount: number } {
  return { conflicts: all.slice(0, MAX_LISTED_CONFLICTS), conflictCount: all.length };
}

export const reconcileEventSchema = z
  .strictObject({
    type: z.literal('reconcile.event'),
    node: nodeSchema,
    kind: z.enum(SOURCE_KINDS).meta({ description: 'The DHCP source whose lease file this is about.' }),
    name: resourceNameSchema,
    action: z.enum(RECONCILE_ACTIONS),
    peer: z.string().min(1).meta({ description: 'The other node: the sync target name, or its host.' }),
    at: timestampSchema,
    message: z.string().min(1).meta({ description: 'One line for a human, e.g. "merged 40 leases from router-b, 1 conflicts".' }),
    reason: z.enum(RECONCILE_REASONS).optional(),
    leases: countSchema.optional().meta({ description: 'Leases in the merged file.' }),
    taken: countSchema.optional().meta({ description: "Leases written as the peer's file has them." }),
    kept: countSchema.optional().meta({ description: 'Leases kept from this side because they changed here since the last merge.' }),
    conflicts: listedConflictsSchema.optional(),
    conflictCount: countSchema.optional().meta({ description: 'Every conflict of the merge; `conflicts` lists the first ones.' }),
  })
  .meta({ title: 'ReconcileEvent', description: 'One lease-safety decision: a merge, a refusal, a handback, a pull or a conflict.' });

export type ReconcileEvent = z.infer<typeof reconcileEventSchema>;
