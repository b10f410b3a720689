// syncer → `routerd.<node>.sync.<Kind>.<name>` (on change) and the status endpoint: one lease sync's status.
import { z } from 'zod';
import { SYNC_KINDS_LIST } from '../kinds.js';
import { listedConflictsSchema } from './reconcile-event.js';
import { absolutePathSchema, countSchema, millisSchema, nodeSchema, resourceNameSchema, sha256Schema, timestampSchema } from './common.js';

/** Command output kept in a status, in UTF-8 bytes. */
export const MAX_OUTPUT_BYTES = 4096;

export const SYNC_PHASES = ['Synced', 'Pending', 'Error', 'Syncing'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** The reasons each phase may carry (reference-behaviour.md section 5; Synced and Syncing carry none). */
export const SYNC_REASONS_BY_PHASE = {
  Synced: [],
  Syncing: [],
  Pending: ['SourceMissing', 'WhenFalse', 'WhenUnknown', 'SourceUnstable'],
  Error: ['InvalidSpec', 'SourceStatFailed', 'SyncFailed', 'StagingFailed'],
} as const satisfies Record<SyncPhase, readonly string[]>;
export const SYNC_REASONS = ['SourceMissing', 'WhenFalse', 'WhenUnknown', 'SyncFailed', 'SourceStatFailed', 'InvalidSpec', 'SourceUnstable', 'StagingFailed'] as const;
export type SyncReason = (typeof SYNC_REASONS)[number];

/**
 * Why one target is not Synced: its peer did not answer (a timeout, a dead link), its command failed
 * otherwise, its receiver refused the push (SplitBrain: the peer serves DHCP itself; Refused: any other
 * reason the receiver gave), or its push was stopped (the gate closed, the syncer stopped).
 */
export const SYNC_TARGET_REASONS = ['PeerNotAnswering', 'CommandFailed', 'SplitBrain', 'Refused', 'WhenFalse', 'WhenUnknown', 'Stopped'] as const;
export type SyncTargetReason = (typeof SYNC_TARGET_REASONS)[number];

export const gateSchema = z
  .strictObject({
    truth: z.enum(['true', 'false', 'unknown']),
    reasons: z.array(z.string()).meta({ description: 'Why the `when` gate is open or closed, one line per key.' }),
  })
  .meta({ description: 'The `when` gate as last evaluated; only "true" lets a sync run.' });

export const syncSourceSchema = z
  .strictObject({
    path: absolutePathSchema,
    size: countSchema,
    mtimeMs: millisSchema,
    sha256: sha256Schema,
    v4Count: countSchema,
    v6Count: countSchema,
  })
  .meta({ description: 'The snapshot last pushed (or about to be).' });

export const outputSchema = z
  .string()
  .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_OUTPUT_BYTES, {
    message: `expected command output of at most ${MAX_OUTPUT_BYTES} bytes (4 KiB; keep the tail with boundOutput)`,
  })
  .meta({ description: 'Command output (stderr then stdout), bounded to its last 4 KiB.' });

export const lastMergeSchema = z.strictObject({
  at: timestampSchema,
  leases: countSchema.meta({ description: "Leases in the target's merged file." }),
  taken: countSchema.meta({ description: 'Leases written as this node pushed them.' }),
  kept: countSchema.meta({ description: 'Leases the target kept because it changed them since the last push.' }),
  conflicts: listedConflictsSchema,
  conflictCount: countSchema.optional().meta({ description: 'Every conflict of the merge; `conflicts` lists the first ones.' }),
});

export const syncTargetStatusSchema = z.strictObject({
  name: z.string().min(1).meta({ description: 'Target label (defaults to the host).' }),
  host: z.string().min(1),
  phase: z.enum(SYNC_PHASES),
  reason: z.enum(SYNC_TARGET_REASONS).optional(),
  message: z.string().optional().meta({ description: 'What happened to the last attempt, e.g. "198.51.100.2 does not answer: ...".' }),
  lastAttemptAt: timestampSchema.optional(),
  lastSuccessAt: timestampSchema.optional(),
  durationMs: millisSchema.optional(),
  exitCode: z.int().optional(),
  output: outputSchema.optional(),
  consecutiveFailures: countSchema,
  lagMs: millisSchema
    .optional()
    .meta({ description: "From the source change to this target's last successful push of it; each success publishes a new one (the metrics exporter's lag histogram)." }),
  nextAttemptAt: timestampSchema.optional().meta({ description: 'When a backed-off target is tried again.' }),
  lastMerge: lastMergeSchema.optional().meta({ description: "What the target's receiver did with the last push it merged." }),
});

export const syncStatusSchema = z
  .strictObject({
    type: z.literal('sync.status'),
    node: nodeSchema,
    kind: z.enum(SYNC_KINDS_LIST),
    name: resourceNameSchema,
    phase: z.enum(SYNC_PHASES),
    reason: z.enum(SYNC_REASONS).optional(),
    message: z.string().optional(),
    gate: gateSchema,
    source: syncSourceSchema.optional(),
    syncedAt: timestampSchema.optional().meta({ description: 'Last time every target was synced.' }),
    lagMs: millisSchema.optional().meta({ description: 'From the source change to the sync that carried it.' }),
    observedAt: timestampSchema,
    targets: z.array(syncTargetStatusSchema),
  })
  .superRefine((status, ctx) => {
    const allowed: readonly string[] = SYNC_REASONS_BY_PHASE[status.phase];
    if (status.reason !== undefined && !allowed.includes(status.reason)) {
      const expected = allowed.length === 0 ? 'no reason' : `one of ${allowed.join(', ')}`;
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `expected ${expected} for phase ${status.phase}, found ${status.reason}` });
    }
    if (status.reason === undefined && allowed.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `expected one of ${allowed.join(', ')} for phase ${status.phase}, found none` });
    }
    if (status.phase === 'Synced' && status.syncedAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['syncedAt'], message: 'expected syncedAt when the phase is Synced, found none' });
    }
  })
  .meta({ title: 'SyncStatus', description: 'The status of one lease sync and each of its targets.' });

export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type SyncTargetStatus = z.infer<typeof syncTargetStatusSchema>;
export type SyncGate = z.infer<typeof gateSchema>;
export type SyncSource = z.infer<typeof syncSourceSchema>;

const TRUNCATED = '[…truncated]\n';

/** The tail of `text` that fits MAX_OUTPUT_BYTES, marked when cut (rsync's last lines say why it failed). */
export function boundOutput(text: string, maxBytes: number = MAX_OUTPUT_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  const keep = Math.max(0, maxBytes - Buffer.byteLength(TRUNCATED, 'utf8'));
  const tail = bytes.subarray(bytes.length - keep).toString('utf8').replace(/^\uFFFD+/, '');
  return TRUNCATED + tail;
}
