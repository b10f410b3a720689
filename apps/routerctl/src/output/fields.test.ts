import { describe, expect, it } from 'vitest';
import { formatFields, indentLines } from './fields.js';

describe('routerctl › fields', () => {
  it('routerctl › aligns values after the longest label, indents, leaves empty values bare', () => {
    expect(formatFields([['Name', 'x'], ['Last Sync', 'y'], ['Output', '']], 2)).toEqual(['  Name:       x', '  Last Sync:  y', '  Output:']);
    expect(indentLines('a\n\nb\n', 4)).toEqual(['    a', '', '    b']);
  });
});
