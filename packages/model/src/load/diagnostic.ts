// Problems found in a configuration, with where they are, and their one-line text form.

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** As given, e.g. "examples/x.yaml" or "<stdin>". */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** "net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases" when known. */
  resourceId?: string;
  /** Field path, "spec.targets[0].host": relative to the resource when resourceId is set, else to the document. */
  path?: string;
  /** "expected ..., found ...". */
  message: string;
}

/** "file:line:col: <resource-id> <path>: <message>" (parts omitted when absent); warnings prefixed "warning: ". */
export function formatDiagnostic(d: Diagnostic): string {
  const subject = [d.resourceId, d.path].filter((part) => part !== undefined && part !== '').join(' ');
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.line}:${d.column}: ${prefix}${subject === '' ? '' : `${subject}: `}${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file (in the order given), then line and column; stable otherwise. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[], files: readonly string[]): Diagnostic[] {
  const rank = (file: string) => {
    const index = files.indexOf(file);
    return index === -1 ? files.length : index;
  };
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort((a, b) => rank(a.d.file) - rank(b.d.file) || a.d.line - b.d.line || a.d.column - b.d.column || a.index - b.index)
    .map(({ d }) => d);
}
