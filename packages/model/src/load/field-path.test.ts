import { describe, expect, it } from 'vitest';
import { formatPath, toFieldPath } from './field-path.js';

describe('field path', () => {
  it('field path › joins keys with dots and indexes with brackets', () => {
    expect(formatPath(['spec', 'targets', 0, 'host'])).toBe('spec.targets[0].host');
  });

  it('field path › quotes keys that are not identifiers', () => {
    expect(formatPath(['spec', 'when', 'state', 'VirtualAddress/lan-vip.role', 'equals'])).toBe('spec.when.state["VirtualAddress/lan-vip.role"].equals');
  });

  it('field path › starts a document path with an index', () => {
    expect(formatPath([3, 'kind'])).toBe('[3].kind');
    expect(formatPath([])).toBe('');
  });

  it('field path › turns zod property keys into strings and numbers', () => {
    expect(toFieldPath(['a', 1, Symbol.for('s')])).toEqual(['a', 1, 'Symbol(s)']);
  });
});
