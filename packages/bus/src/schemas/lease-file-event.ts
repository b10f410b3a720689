// lease-watcher → `routerd.<node>.lease.<Kind>.<name>`: the state of one DHCP source's lease file.
import { z } from 'zod';
import { SOURCE_KINDS } from '../kinds.js';
import { absolutePathSchema, countSchema, millisSchema, nodeSchema, resourceNameSchema, sha256Schema, timestampSchema } from './common.js';

export const leaseFileEventSchema = z
  .strictObject({
    type: z.literal('lease.file'),
    node: nodeSchema,
    kind: z.enum(SOURCE_KINDS).meta({ description: 'Kind of the DHCP source resource.' }),
    name: resourceNameSchema.meta({ description: 'Name of the DHCP source resource.' }),
    path: absolutePathSchema.meta({ description: 'The lease file (derived from the source kind).' }),
    exists: z.boolean(),
    size: countSchema.optional(),
    mtimeMs: millisSchema.optional(),
    sha256: sha256Schema.optional(),
    v4Count: countSchema.optional(),
    v6Count: countSchema.optional(),
    parsed: z.boolean().meta({ description: 'The content parsed cleanly (a stable snapshot).' }),
    parseError: z.string().optional(),
    observedAt: timestampSchema,
  })
  .superRefine((event, ctx) => {
    if (!event.exists && event.parsed) {
      ctx.addIssue({ code: 'custom', path: ['parsed'], message: 'expected false when the file does not exist, found true' });
    }
    if (event.parsed && event.parseError !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['parseError'], message: 'expected no parseError when parsed is true' });
    }
  })
  .meta({ title: 'LeaseFileEvent', description: 'The state of a lease file as the lease-watcher last saw it.' });

export type LeaseFileEvent = z.infer<typeof leaseFileEventSchema>;
