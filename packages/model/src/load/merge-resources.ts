// Overlaying one configuration on another, as `routerctl validate -f FILE` without --replace does.
import type { LoadedResource } from './loaded-resource.js';

const key = (r: LoadedResource) => `${r.resource.kind}/${r.resource.metadata.name}`;

/** Later resources replace earlier ones with the same kind+name (in place); others append. */
export function mergeResources(current: LoadedResource[], incoming: LoadedResource[]): LoadedResource[] {
  const merged = [...current];
  const replaceable = new Map<string, number>();
  current.forEach((r, i) => {
    if (!replaceable.has(key(r))) replaceable.set(key(r), i);
  });
  for (const r of incoming) {
    const at = replaceable.get(key(r));
    if (at === undefined) {
      merged.push(r);
    } else {
      merged[at] = r;
      // A second resource of the same kind+name in `incoming` is a duplicate, kept for checkResources.
      replaceable.delete(key(r));
    }
  }
  return merged;
}
