import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { validateWith } from './zod-issues.js';

function messages(schema: z.ZodType, data: unknown): string[] {
  const result = validateWith(schema, data);
  return result.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
}

describe('zod messages', () => {
  it('zod messages › says what was expected and what was found for wrong types', () => {
    const schema = z.strictObject({ a: z.string(), b: z.int(), c: z.boolean(), d: z.array(z.string()), e: z.strictObject({}) });
    expect(messages(schema, { a: 1, b: 1.5, c: 'yes', d: 'x', e: [] })).toEqual([
      'a: expected a string, found 1',
      'b: expected an integer, found 1.5',
      'c: expected true or false, found "yes"',
      'd: expected a list, found "x"',
      'e: expected a mapping, found an empty list',
    ]);
  });

  it('zod messages › says a missing field is required, and an explicit null is found', () => {
    const schema = z.strictObject({ a: z.string(), b: z.string() });
    expect(messages(schema, { b: null })).toEqual(['a: is required (expected a string)', 'b: expected a string, found an empty value (null)']);
  });

  it('zod messages › words literals, enums and bounds', () => {
    const schema = z.strictObject({
      kind: z.literal('Router'),
      family: z.enum(['ipv4', 'ipv6']),
      mtu: z.int().min(576).max(9216),
      prio: z.number().lt(10),
      name: z.string().min(1),
      tag: z.string().max(3),
      list: z.array(z.string()).min(1),
    });
    expect(messages(schema, { kind: 'router', family: 'ipv5', mtu: 99999, prio: 10, name: '', tag: 'abcd', list: [] })).toEqual([
      'kind: expected "Router", found "router"',
      'family: expected one of "ipv4", "ipv6", found "ipv5"',
      'mtu: expected a number at most 9216, found 99999',
      'prio: expected a number less than 10, found 10',
      'name: expected a non-empty string, found an empty string',
      'tag: expected a string of at most 3 characters, found "abcd"',
      'list: expected at least 1 item, found an empty list',
    ]);
  });

  it('zod messages › words formats and unions', () => {
    const schema = z.strictObject({ ip: z.ipv4(), code: z.string().regex(/^[a-z]+$/), v: z.union([z.string(), z.number()]) });
    expect(messages(schema, { ip: '192.0.2.300', code: 'A1', v: {} })).toEqual([
      'ip: expected a valid ipv4, found "192.0.2.300"',
      'code: expected a string matching /^[a-z]+$/, found "A1"',
      'v: expected a string or a number, found an empty mapping',
    ]);
  });

  it('zod messages › appends the value to schema messages that only say what is expected', () => {
    const schema = z.strictObject({ ip: z.ipv4({ message: 'expected an IPv4 address' }), other: z.string().refine(() => false, 'is never right') });
    expect(messages(schema, { ip: 'x', other: 'y' })).toEqual(['ip: expected an IPv4 address, found "x"', 'other: is never right']);
  });

  it('zod messages › returns the parsed data when valid', () => {
    const result = validateWith(z.strictObject({ a: z.string().default('d') }), {});
    expect(result).toEqual({ success: true, data: { a: 'd' }, problems: [] });
  });
});
