// The JSON Schema editors validate router.yaml with, generated from the zod schemas (the source of truth).
import { z } from 'zod';
import { routerSchema } from './router.js';

const resourceSchema = routerSchema.shape.spec.shape.resources.element;

const resourceListSchema = z
  .array(resourceSchema)
  .meta({ title: 'Resources', description: 'A bare YAML list of resources, merged into or replacing the current configuration.' });

/** The draft-07 JSON Schema of the Router document and of a bare list of resources. */
export function routerJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(z.union([routerSchema, resourceListSchema]), { target: 'draft-07', io: 'input' }) as Record<string, unknown>;
  // A document is either a mapping or a list, never both: oneOf states that exactly.
  const { $schema, anyOf, definitions, ...rest } = generated;
  return {
    $schema,
    title: 'routerd lease sync configuration',
    description: 'A Router document (apiVersion routerd.net/v1alpha1, kind Router) or a bare YAML list of resources.',
    ...rest,
    oneOf: anyOf,
    definitions,
  };
}

/** The schema as committed: two-space JSON with a final newline. */
export function routerJsonSchemaText(): string {
  return `${JSON.stringify(routerJsonSchema(), null, 2)}\n`;
}
