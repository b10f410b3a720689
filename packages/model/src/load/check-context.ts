// What every cross-resource check needs: the resources and a way to turn a finding into a diagnostic.
import type { Resource } from '../resources/kinds.js';
import { resourceId } from '../resources/kinds.js';
import type { Diagnostic } from './diagnostic.js';
import { formatPath, type FieldPath } from './field-path.js';
import type { LoadedResource } from './loaded-resource.js';

export function diagnosticAt(loaded: LoadedResource, path: FieldPath, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  const { line, column } = loaded.locate(path);
  const text = formatPath(path);
  return {
    severity,
    file: loaded.file,
    line,
    column,
    resourceId: resourceId(loaded.resource),
    ...(text === '' ? {} : { path: text }),
    message,
  };
}

/** "Kind/name", the short form used in references and messages. */
export function shortName(resource: Resource): string {
  return `${resource.kind}/${resource.metadata.name}`;
}

/** Resources by "Kind/name"; the first of duplicates wins (duplicates are reported separately). */
export function indexByKindName(resources: readonly LoadedResource[]): Map<string, LoadedResource> {
  const index = new Map<string, LoadedResource>();
  for (const loaded of resources) {
    const key = shortName(loaded.resource);
    if (!index.has(key)) index.set(key, loaded);
  }
  return index;
}

/**
 * "Kind/name" of every declared resource: the valid ones, and those that failed validation (their own
 * errors are reported; a reference to them is not reported again as a missing resource).
 */
export function declaredNames(resources: readonly LoadedResource[], invalid: readonly string[]): Set<string> {
  return new Set([...resources.map((r) => shortName(r.resource)), ...invalid]);
}

export function namesOfKind(resources: readonly LoadedResource[], kind: string): string[] {
  return resources.filter((r) => r.resource.kind === kind).map((r) => r.resource.metadata.name);
}

export function where(loaded: LoadedResource, path: FieldPath = ['metadata', 'name']): string {
  const { line, column } = loaded.locate(path);
  return `${loaded.file}:${line}:${column}`;
}
