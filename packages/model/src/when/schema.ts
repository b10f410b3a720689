// The `when` gate: {state: {KEY: MATCH}} | {all: [when]} | {any: [when]}, nested freely.
import { z } from 'zod';
import { durationSchema, positiveDurationSchema } from '../duration.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const MATCH_OPERATORS = ['equals', 'in', 'contains', 'exists', 'status', 'for', 'maxAge'] as const;

export const matchSchema = z
  .strictObject({
    equals: scalar.optional().meta({ description: 'The field equals this value.' }),
    in: z.array(scalar).min(1).optional().meta({ description: 'The field equals one of these values.' }),
    contains: z.string().optional().meta({ description: 'The field contains this text.' }),
    exists: z.boolean().optional().meta({ description: 'The field is set (true) or not set (false).' }),
    status: z.enum(['set', 'unset', 'unknown']).optional().meta({ description: 'The field is set, unset, or literally "unknown".' }),
    for: durationSchema.optional().meta({ description: 'The field has held its value at least this long.' }),
    maxAge: positiveDurationSchema.optional().meta({ description: 'The observation is at most this old.' }),
  })
  .refine((m) => MATCH_OPERATORS.some((op) => m[op] !== undefined), {
    message: `expected at least one of ${MATCH_OPERATORS.join(', ')}`,
  });

export type Match = z.infer<typeof matchSchema>;

export interface When {
  state?: Record<string, Match> | undefined;
  all?: When[] | undefined;
  any?: When[] | undefined;
}

export const whenSchema: z.ZodType<When> = z.lazy(() =>
  z
    .strictObject({
      state: z.record(z.string(), matchSchema).optional().meta({ description: 'Status fields to match, ANDed. Key: "Kind/name.field".' }),
      all: z.array(whenSchema).min(1).optional().meta({ description: 'Every condition holds.' }),
      any: z.array(whenSchema).min(1).optional().meta({ description: 'At least one condition holds.' }),
    })
    .superRefine((node, ctx) => {
      const present = (['state', 'all', 'any'] as const).filter((k) => node[k] !== undefined);
      if (present.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `expected exactly one of state, all, any, found ${present.length === 0 ? 'none' : present.join(' and ')}`,
        });
      }
    }),
).meta({ id: 'When', description: 'Gate: the sync runs only while this holds.' });
