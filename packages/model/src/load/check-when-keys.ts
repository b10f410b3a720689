// Every `when` key must read a field that a declared resource provides.
import { isKind, KINDS } from '../resources/kinds.js';
import type { When } from '../when/schema.js';
import { parseWhenKey, WhenKeyError } from '../when/key.js';
import { declaredNames, diagnosticAt, namesOfKind } from './check-context.js';
import type { Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';
import { KIND_STATUS_FIELDS } from './status-fields.js';
import { didYouMean } from './suggest.js';

interface KeyAt {
  key: string;
  path: (string | number)[];
}

/** Every state key of a `when` tree, nested all/any included, with its field path. */
export function whenKeys(when: When, path: (string | number)[]): KeyAt[] {
  const keys: KeyAt[] = Object.keys(when.state ?? {}).map((key) => ({ key, path: [...path, 'state', key] }));
  when.all?.forEach((child, i) => keys.push(...whenKeys(child, [...path, 'all', i])));
  when.any?.forEach((child, i) => keys.push(...whenKeys(child, [...path, 'any', i])));
  return keys;
}

export function checkWhenKeys(resources: readonly LoadedResource[], invalid: readonly string[] = []): Diagnostic[] {
  const index = declaredNames(resources, invalid);
  const diagnostics: Diagnostic[] = [];
  for (const loaded of resources) {
    const when = 'when' in loaded.resource.spec ? loaded.resource.spec.when : undefined;
    if (when === undefined) continue;
    for (const { key, path } of whenKeys(when, ['spec', 'when'])) {
      const problem = keyProblem(key, index, resources);
      if (problem !== undefined) diagnostics.push(diagnosticAt(loaded, path, problem));
    }
  }
  return diagnostics;
}

function keyProblem(key: string, index: ReadonlySet<string>, resources: readonly LoadedResource[]): string | undefined {
  let parsed;
  try {
    parsed = parseWhenKey(key);
  } catch (error) {
    if (error instanceof WhenKeyError) return error.message;
    throw error;
  }
  const { kind, name, field } = parsed;
  if (!isKind(kind)) return `expected a key naming one of the kinds ${KINDS.join(', ')}, found kind ${JSON.stringify(kind)}${didYouMean(kind, KINDS)}`;
  if (!index.has(`${kind}/${name}`)) {
    const names = namesOfKind(resources, kind);
    const list = names.length === 0 ? 'none declared' : names.join(', ');
    return `expected the name of a declared ${kind} (${list}), found ${JSON.stringify(name)}${didYouMean(name, names)}`;
  }
  const fields = KIND_STATUS_FIELDS[kind];
  if (!fields.includes(field)) {
    const list = fields.length === 0 ? 'it provides none' : fields.join(', ');
    return `expected a status field of ${kind} (${list}), found ${JSON.stringify(field)}${didYouMean(field, fields)}`;
  }
  return undefined;
}
