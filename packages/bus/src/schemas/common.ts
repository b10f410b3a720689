// Field schemas every payload shares.
import { z } from 'zod';
import { nodeProblem, resourceNameProblem } from '../tokens.js';

function checked(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message });
  });
}

export const nodeSchema = checked(nodeProblem).meta({ description: 'The publishing node (short host name by default).' });
export const resourceNameSchema = checked(resourceNameProblem).meta({ description: 'metadata.name of the resource.' });

export const timestampSchema = z.iso
  .datetime({ offset: true, message: 'expected an ISO 8601 date-time like "2024-05-01T12:00:00.000Z"' })
  .meta({ description: 'ISO 8601 date-time.' });

export const countSchema = z.int().nonnegative();
export const millisSchema = z.number().nonnegative().meta({ description: 'Milliseconds.' });
export const sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (SHA-256)')
  .meta({ description: 'SHA-256 of the content, hex.' });
export const absolutePathSchema = z.string().regex(/^\/[^\0\n\r]*$/, 'expected an absolute path without newlines');
