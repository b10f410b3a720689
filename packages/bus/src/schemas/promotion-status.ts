// dhcp-promoter → `routerd.<node>.promotion.<name>` (on change and as a heartbeat) and its status
// endpoint: what one DHCPServerPromotion did to this node's DHCP server, and why.
import { z } from 'zod';
import { PROMOTED_SERVER_KINDS, VIRTUAL_ADDRESS_ROLES } from '@routerd/model';
import { countSchema, millisSchema, nodeSchema, resourceNameSchema, timestampSchema } from './common.js';
import { listedConflictsSchema, RECONCILE_REASONS } from './reconcile-event.js';
import { outputSchema } from './sync-status.js';

/**
 * Serving: started for this mastership (or found running); Stopped: stopped (or found not running);
 * Starting/Stopping: the command runs; Error: a command failed or the server died, retried;
 * Unknown: nothing known yet (agent start without `check`, before the first role).
 */
export const PROMOTION_PHASES = ['Serving', 'Stopped', 'Starting', 'Stopping', 'Error', 'Unknown'] as const;
export type PromotionPhase = (typeof PROMOTION_PHASES)[number];

export const PROMOTION_REASONS = [
  'WaitingForRole',
  'RoleUnknown',
  'RoleStale',
  'Settling',
  'StartFailed',
  'StopFailed',
  'ServerDied',
  'RunningWhileBackup',
  'CheckFailed',
  /** Serving without the peer's leases: its handback and its pull both failed (the message says why). */
  'Unreconciled',
] as const;
export type PromotionReason = (typeof PROMOTION_REASONS)[number];

export const promotionServerSchema = z.strictObject({
  kind: z.enum(PROMOTED_SERVER_KINDS),
  name: resourceNameSchema,
});

export const promotionCommandSchema = z
  .strictObject({
    argv: z.array(z.string()).min(1, 'expected the command argv, found an empty list'),
    exitCode: z.int().optional().meta({ description: 'Absent when it could not run, timed out or was killed.' }),
    output: outputSchema,
    durationMs: millisSchema,
    at: timestampSchema.meta({ description: 'When it started.' }),
  })
  .meta({ description: 'The last start or stop command and its result.' });

/** What one lease file's reconciliation did: merged the peer's handback or a pulled copy, or neither. */
const PROMOTION_RECONCILE_RESULTS = ['handback-merged', 'pull-merged', 'pull-failed', 'merge-failed'] as const;

const promotionReconcileFileSchema = z.strictObject({
  path: z.string().min(1).meta({ description: 'The live lease file.' }),
  peer: z.string().min(1).meta({ description: 'The peer whose file it is (the sync target name).' }),
  result: z.enum(PROMOTION_RECONCILE_RESULTS),
  reason: z.enum(RECONCILE_REASONS).optional().meta({ description: 'Why a pull failed.' }),
  message: z.string().min(1).meta({ description: 'One line, e.g. "merged 40 leases from router-b, 1 conflicts".' }),
  leases: countSchema.optional().meta({ description: 'Leases in the merged live file.' }),
  taken: countSchema.optional(),
  kept: countSchema.optional(),
  conflicts: listedConflictsSchema.optional(),
  conflictCount: countSchema.optional().meta({ description: 'Every conflict of the merge; `conflicts` lists the first ones.' }),
});

const promotionReconcileSchema = z
  .strictObject({
    trigger: z.enum(['promotion', 'heal']).meta({ description: 'Before a new mastership served, or a handback that came while serving.' }),
    at: timestampSchema.meta({ description: 'When it began.' }),
    durationMs: millisSchema,
    message: z.string().min(1),
    files: z.array(promotionReconcileFileSchema),
  })
  .meta({ description: "The last reconciliation of this node's lease files with the peer's (docs/promotion.md)." });

export const promotionStatusSchema = z
  .strictObject({
    type: z.literal('promotion.status'),
    node: nodeSchema,
    name: resourceNameSchema.meta({ description: 'DHCPServerPromotion name.' }),
    virtualAddress: resourceNameSchema.meta({ description: 'The VirtualAddress whose role drives it.' }),
    role: z.enum(VIRTUAL_ADDRESS_ROLES).meta({ description: 'The role it last acted on ("unknown" before the first).' }),
    phase: z.enum(PROMOTION_PHASES),
    reason: z.enum(PROMOTION_REASONS).optional(),
    message: z.string().optional().meta({ description: 'The reason in words, e.g. the role event that was stale.' }),
    servers: z.array(promotionServerSchema).min(1, 'expected at least one server, found an empty list'),
    lastTransitionAt: timestampSchema.meta({ description: 'When the phase last changed.' }),
    lastCommand: promotionCommandSchema.optional(),
    nextAttemptAt: timestampSchema.optional().meta({ description: 'When a failed command is tried again.' }),
    lastReconcile: promotionReconcileSchema.optional(),
    observedAt: timestampSchema,
    heartbeatMs: z.int().positive().meta({ description: "The publisher's heartbeat period; a status older than 3 of them is stale." }),
    seq: countSchema.meta({ description: 'Increases by one per status from one publisher run.' }),
  })
  .meta({ title: 'PromotionStatus', description: "What a DHCPServerPromotion did to this node's DHCP server, and why." });

export type PromotionStatus = z.infer<typeof promotionStatusSchema>;
export type PromotionServer = z.infer<typeof promotionServerSchema>;
export type PromotionCommand = z.infer<typeof promotionCommandSchema>;


/** The phase of each server the status covers, by "Kind/name": what `DHCPv4Server/<name>.phase` reads. */
export function serverPhases(status: Pick<PromotionStatus, 'servers' | 'phase'>): Map<string, PromotionPhase> {
  return new Map(status.servers.map((server) => [`${server.kind}/${server.name}`, status.phase]));
}
