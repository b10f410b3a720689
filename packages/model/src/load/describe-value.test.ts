import { describe, expect, it } from 'vitest';
import { describeValue, isMissing, valueAt } from './describe-value.js';

describe('describe value', () => {
  it('describe value › names what was found', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('an empty value (null)');
    expect(describeValue('')).toBe('an empty string');
    expect(describeValue('eth1')).toBe('"eth1"');
    expect(describeValue(5)).toBe('5');
    expect(describeValue(false)).toBe('false');
    expect(describeValue([])).toBe('an empty list');
    expect(describeValue([1])).toBe('a list of 1 item');
    expect(describeValue([1, 2])).toBe('a list of 2 items');
    expect(describeValue({})).toBe('an empty mapping');
    expect(describeValue({ kind: 'x' })).toBe('a mapping with key kind');
    expect(describeValue({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 })).toBe('a mapping with keys a, b, c, d, e, …');
  });

  it('describe value › shortens long text', () => {
    expect(describeValue('x'.repeat(100))).toBe(JSON.stringify(`${'x'.repeat(60)}…`));
  });

  it('describe value › reads a value at a path, or nothing', () => {
    const data = { spec: { targets: [{ host: 'a' }] } };
    expect(valueAt(data, ['spec', 'targets', 0, 'host'])).toBe('a');
    expect(valueAt(data, ['spec', 'nope', 'x'])).toBeUndefined();
    expect(valueAt('text', ['length'])).toBeUndefined();
  });

  it('describe value › tells a missing key from a null value', () => {
    expect(isMissing({ spec: {} }, ['spec', 'targets'])).toBe(true);
    expect(isMissing({ spec: { targets: null } }, ['spec', 'targets'])).toBe(false);
    expect(isMissing({ spec: [] }, ['spec', 0])).toBe(false);
  });
});
