// A lease sync without a `when` gate pushes from the backup too. With delivery merge (the default) that
// is an error: the configuration must say which node pushes. With delivery replace it stays a warning.
import { SYNC_SOURCE_KIND } from '../resources/lease-sync.js';
import { diagnosticAt } from './check-context.js';
import type { Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';

const GATE_EXAMPLE = 'when: {state: {"VirtualAddress/<name>.role": {equals: master}}}';

export function checkSyncGates(resources: readonly LoadedResource[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const loaded of resources) {
    const { resource } = loaded;
    if (!Object.hasOwn(SYNC_SOURCE_KIND, resource.kind) || !('targets' in resource.spec)) continue;
    const { when, delivery } = resource.spec;
    if (when !== undefined) continue;
    if (delivery === 'replace') {
      diagnostics.push(
        diagnosticAt(
          loaded,
          ['spec', 'when'],
          `expected a when gate such as ${GATE_EXAMPLE}, found none: with delivery replace the backup node pushes its stale leases too and overwrites the master's file`,
          'warning',
        ),
      );
      continue;
    }
    diagnostics.push(
      diagnosticAt(
        loaded,
        ['spec', 'when'],
        `expected a when gate such as ${GATE_EXAMPLE}, found none: without it the backup would overwrite the master's file; add the gate, or set delivery: replace to push from every node on purpose`,
      ),
    );
  }
  return diagnostics;
}
