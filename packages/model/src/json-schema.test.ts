import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routerJsonSchema, routerJsonSchemaText } from './json-schema.js';
import { KINDS } from './resources/kinds.js';

type Json = Record<string, unknown>;
const schema = routerJsonSchema() as Json;
const definitions = schema.definitions as Record<string, Json>;

describe('json schema', () => {
  it('json schema › the committed file is the generated schema (run `npm run schema` after changing a schema)', () => {
    const committed = readFileSync(new URL('../schema/router.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(routerJsonSchemaText());
  });

  it('json schema › is draft-07 and accepts a Router document or a bare list', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const oneOf = schema.oneOf as Json[];
    expect(oneOf.map((s) => [s.type, s.title])).toEqual([
      ['object', 'Router'],
      ['array', 'Resources'],
    ]);
    expect(schema.anyOf).toBeUndefined();
    expect(typeof schema.description).toBe('string');
  });

  it('json schema › defines every kind as a strict object with a description', () => {
    for (const kind of KINDS) {
      const def = definitions[kind] as Json;
      expect(def, kind).toBeDefined();
      expect(def.additionalProperties, kind).toBe(false);
      expect(typeof def.description, kind).toBe('string');
      const spec = (def.properties as Record<string, Json>).spec as Json;
      expect(spec.additionalProperties, `${kind} spec`).toBe(false);
      expect((def.properties as Record<string, Json>).kind).toEqual({ type: 'string', const: kind });
    }
  });

  it('json schema › describes input: defaults are optional, descriptions reach the fields', () => {
    const sync = definitions.DHCPv4ServerLeaseSync as Json;
    const spec = (sync.properties as Record<string, Json>).spec as Json;
    expect(spec.required).toEqual(['source', 'targets']);
    const props = spec.properties as Record<string, Json>;
    expect(props.interval).toMatchObject({ type: 'string', default: '30s', description: 'Periodic re-sync; a lease change syncs at once.' });
    expect(props.delivery).toMatchObject({ type: 'string', enum: ['merge', 'replace'], default: 'merge' });
    expect(props.delivery?.description).toMatch(/^merge \(default\): .*replace: /);
    // draft-07 ignores siblings of $ref, so zod wraps the reference of an optional field in allOf.
    expect(props.when).toEqual({ allOf: [{ $ref: '#/definitions/When' }] });
    expect((definitions.When as Json).additionalProperties).toBe(false);
  });

  it('json schema › the Router and the list refer to the same resource definitions', () => {
    const [router, list] = schema.oneOf as Json[];
    const resources = ((router?.properties as Record<string, Json>).spec?.properties as Record<string, Json>).resources as Json;
    expect(resources.items).toEqual((list as Json).items);
    expect(((list as Json).items as Json).oneOf).toEqual(KINDS.map((kind) => ({ $ref: `#/definitions/${kind}` })));
  });
});
