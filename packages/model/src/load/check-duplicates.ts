// A resource id (apiVersion/kind/name) names one resource.
import { resourceId } from '../resources/kinds.js';
import { diagnosticAt, where } from './check-context.js';
import type { Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';

export function checkDuplicates(resources: readonly LoadedResource[]): Diagnostic[] {
  const first = new Map<string, LoadedResource>();
  const diagnostics: Diagnostic[] = [];
  for (const loaded of resources) {
    const id = resourceId(loaded.resource);
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, loaded);
      continue;
    }
    diagnostics.push(
      diagnosticAt(
        loaded,
        ['metadata', 'name'],
        `duplicate resource id: expected each ${loaded.resource.kind} name once, found ${JSON.stringify(loaded.resource.metadata.name)} again (first defined at ${where(earlier)})`,
      ),
    );
  }
  return diagnostics;
}
