// Diagnostics for people (one per line, then a summary) and for programs (one JSON object).
import { formatDiagnostic, resourceId, type Diagnostic, type LoadResult } from '@routerd/model';
import type { Output } from '../io.js';

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "valid: 11 resources, 1 warning" or "invalid: 3 errors, 1 warning". */
export function summaryLine(result: LoadResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (result.config !== undefined && errors === 0) {
    return `valid: ${count(result.resources.length, 'resource')}, ${count(warnings, 'warning')}`;
  }
  return `invalid: ${count(errors, 'error')}, ${count(warnings, 'warning')}`;
}

export function writeDiagnostics(out: Output, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) out.write(`${formatDiagnostic(d)}\n`);
}

export interface ValidationReport {
  valid: boolean;
  /** Each resource after the merge, with the file it came from. */
  resources: { id: string; file: string }[];
  diagnostics: Diagnostic[];
}

export function validationReport(result: LoadResult): ValidationReport {
  return {
    valid: result.config !== undefined && !result.diagnostics.some((d) => d.severity === 'error'),
    resources: result.resources.map((r) => ({ id: resourceId(r.resource), file: r.file })),
    diagnostics: result.diagnostics,
  };
}
