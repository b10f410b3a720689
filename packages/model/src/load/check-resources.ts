// Rules that need more than one resource, and warnings about valid but doubtful configurations.
import { checkDuplicates } from './check-duplicates.js';
import { checkLeaseFiles } from './check-lease-files.js';
import { checkPromotions } from './check-promotions.js';
import { checkReferences } from './check-references.js';
import { checkSyncGates } from './check-sync-gates.js';
import { checkSyncWarnings } from './check-sync-warnings.js';
import { checkVrrpIds } from './check-vrrp.js';
import { checkWhenKeys } from './check-when-keys.js';
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';

/**
 * Cross-resource rules and warnings, in file order. `invalid` lists "Kind/name" of resources that were
 * declared but failed validation, so references to them are not also reported as missing.
 */
export function checkResources(resources: LoadedResource[], invalid: readonly string[] = []): Diagnostic[] {
  const diagnostics = [
    ...checkDuplicates(resources),
    ...checkReferences(resources, invalid),
    ...checkWhenKeys(resources, invalid),
    ...checkVrrpIds(resources),
    ...checkLeaseFiles(resources),
    ...checkSyncGates(resources),
    ...checkSyncWarnings(resources),
    ...checkPromotions(resources, invalid),
  ];
  return sortDiagnostics(diagnostics, [...new Set(resources.map((r) => r.file))]);
}
