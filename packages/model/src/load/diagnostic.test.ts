import { describe, expect, it } from 'vitest';
import { formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostic.js';

const base: Diagnostic = { severity: 'error', file: 'router.yaml', line: 3, column: 7, message: 'expected a string, found 5' };

describe('diagnostic', () => {
  it('diagnostic › formats file, position, resource id, path and message', () => {
    const d = { ...base, resourceId: 'net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases', path: 'spec.targets' };
    expect(formatDiagnostic(d)).toBe('router.yaml:3:7: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases spec.targets: expected a string, found 5');
  });

  it('diagnostic › omits the parts that are absent', () => {
    expect(formatDiagnostic(base)).toBe('router.yaml:3:7: expected a string, found 5');
    expect(formatDiagnostic({ ...base, path: 'metadata.name' })).toBe('router.yaml:3:7: metadata.name: expected a string, found 5');
  });

  it('diagnostic › prefixes warnings', () => {
    expect(formatDiagnostic({ ...base, severity: 'warning', message: 'doubtful' })).toBe('router.yaml:3:7: warning: doubtful');
  });

  it('diagnostic › sorts by file order, then line and column', () => {
    const list: Diagnostic[] = [
      { ...base, file: 'b.yaml', line: 1 },
      { ...base, line: 9, column: 2 },
      { ...base, line: 9, column: 1 },
      { ...base, line: 2 },
    ];
    const sorted = sortDiagnostics(list, ['router.yaml', 'b.yaml']).map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(sorted).toEqual(['router.yaml:2:7', 'router.yaml:9:1', 'router.yaml:9:2', 'b.yaml:1:7']);
  });

  it('diagnostic › tells errors from warnings', () => {
    expect(hasErrors([{ ...base, severity: 'warning' }])).toBe(false);
    expect(hasErrors([{ ...base, severity: 'warning' }, base])).toBe(true);
  });
});
