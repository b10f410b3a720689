import type { Diagnostic, LoadResult } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { summaryLine, validationReport, writeDiagnostics } from './diagnostics.js';

const error: Diagnostic = { severity: 'error', file: 'a.yaml', line: 3, column: 5, message: 'expected x, found y' };
const warning: Diagnostic = { ...error, severity: 'warning', line: 4 };

function result(diagnostics: Diagnostic[], valid: boolean): LoadResult {
  return { config: valid ? { resources: [] } : undefined, resources: [], diagnostics };
}

describe('diagnostics output', () => {
  it('diagnostics › summary counts errors and warnings, singular and plural', () => {
    expect(summaryLine(result([], true))).toBe('valid: 0 resources, 0 warnings');
    expect(summaryLine(result([warning], true))).toBe('valid: 0 resources, 1 warning');
    expect(summaryLine(result([error], false))).toBe('invalid: 1 error, 0 warnings');
    expect(summaryLine(result([error, error, warning, warning], false))).toBe('invalid: 2 errors, 2 warnings');
  });

  it('diagnostics › one line per diagnostic', () => {
    let text = '';
    writeDiagnostics({ write: (t: string) => (text += t) }, [error, warning]);
    expect(text).toBe('a.yaml:3:5: expected x, found y\na.yaml:4:5: warning: expected x, found y\n');
  });

  it('diagnostics › the report is invalid when any error exists', () => {
    expect(validationReport(result([warning], true))).toEqual({ valid: true, resources: [], diagnostics: [warning] });
    expect(validationReport(result([error], false)).valid).toBe(false);
  });
});
