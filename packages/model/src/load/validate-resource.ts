// One resource on its own: envelope first, then its kind's schema, so every problem is reported.
import { z } from 'zod';
import { metadataSchema, RESOURCE_API_VERSION } from '../resources/common.js';
import { isKind, KIND_SCHEMAS, KINDS, type Resource } from '../resources/kinds.js';
import { describeValue } from './describe-value.js';
import { didYouMean } from './suggest.js';
import { validateWith, type Problem } from './zod-issues.js';

const envelopeSchema = z.looseObject({
  apiVersion: z.literal(RESOURCE_API_VERSION),
  kind: z.string(),
  metadata: z.looseObject({ name: metadataSchema.shape.name }),
});

export interface ResourceValidation {
  resource?: Resource;
  /** "apiVersion/kind/name" when kind and name are readable, whether or not the resource is valid. */
  resourceId?: string;
  problems: Problem[];
}

function readableId(data: Record<string, unknown>): string | undefined {
  const { apiVersion, kind, metadata } = data;
  const name = metadata !== null && typeof metadata === 'object' ? (metadata as Record<string, unknown>).name : undefined;
  if (typeof kind !== 'string' || kind === '' || typeof name !== 'string' || name === '') return undefined;
  return `${typeof apiVersion === 'string' && apiVersion !== '' ? apiVersion : RESOURCE_API_VERSION}/${kind}/${name}`;
}

export function validateResource(data: unknown): ResourceValidation {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      problems: [{ path: [], at: 'auto', message: `expected a resource (a mapping with apiVersion, kind, metadata and spec), found ${describeValue(data)}` }],
    };
  }
  const record = data as Record<string, unknown>;
  const resourceId = readableId(record);
  const withId = (v: Omit<ResourceValidation, 'resourceId'>): ResourceValidation => (resourceId === undefined ? v : { ...v, resourceId });

  const envelope = validateWith(envelopeSchema, record);
  const kind = record.kind;
  const isKindPath = (p: Problem) => p.path.length === 1 && p.path[0] === 'kind';
  // A missing kind is said once, naming the kinds; the envelope only knows "a string".
  const problems: Problem[] = envelope.success
    ? []
    : envelope.problems.map((p) => (kind === undefined && isKindPath(p) ? { ...p, message: `is required (expected one of ${KINDS.join(', ')})` } : p));
  if (typeof kind === 'string' && !isKind(kind)) {
    problems.push({ path: ['kind'], at: 'auto', message: `unknown kind ${JSON.stringify(kind)}${didYouMean(kind, KINDS)}, expected one of ${KINDS.join(', ')}` });
  }
  if (!isKind(kind)) return withId({ problems });

  const result = validateWith<Resource>(KIND_SCHEMAS[kind] as z.ZodType<Resource>, record);
  const seen = new Set(problems.map((p) => `${JSON.stringify(p.path)} ${p.message}`));
  for (const problem of result.problems) {
    if (!seen.has(`${JSON.stringify(problem.path)} ${problem.message}`)) problems.push(problem);
  }
  if (result.success && problems.length === 0) return withId({ resource: result.data, problems });
  return withId({ problems });
}
