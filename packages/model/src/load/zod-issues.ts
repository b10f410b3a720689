// zod issues rewritten as "expected X, found Y" problems with a field path, one per unknown field.
import type { z } from 'zod';
import { describeValue, isMissing, valueAt } from './describe-value.js';
import { toFieldPath } from './field-path.js';
import { didYouMean } from './suggest.js';

export interface Problem {
  path: (string | number)[];
  message: string;
  /** "key" when the problem is the key itself (an unknown field), not its value. */
  at: 'auto' | 'key';
}

export type Validation<T> = { success: true; data: T; problems: [] } | { success: false; problems: Problem[] };

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  null: 'null',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function oneOf(values: readonly unknown[]): string {
  return values.length === 1 ? literal(values[0]) : `one of ${values.map(literal).join(', ')}`;
}

function bound(iss: { origin: string; inclusive?: boolean; exact?: boolean }, limit: number | bigint, side: 'min' | 'max'): string {
  const n = Number(limit);
  switch (iss.origin) {
    case 'string':
      if (side === 'min' && n === 1) return 'a non-empty string';
      return `a string of ${side === 'min' ? 'at least' : 'at most'} ${n} characters`;
    case 'array':
      return `${side === 'min' ? 'at least' : 'at most'} ${n} item${n === 1 ? '' : 's'}`;
    default: {
      const word = side === 'min' ? (iss.inclusive === false ? 'greater than' : 'at least') : iss.inclusive === false ? 'less than' : 'at most';
      return `${iss.origin === 'int' ? 'an integer' : 'a number'} ${word} ${n}`;
    }
  }
}

/** What the value should have been, from a raw issue. */
function expectation(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return typeName(iss.expected);
    case 'invalid_value':
      return oneOf(iss.values);
    case 'too_small':
      return bound(iss, iss.minimum, 'min');
    case 'too_big':
      return bound(iss, iss.maximum, 'max');
    case 'invalid_format':
      if (iss.format === 'regex' && iss.pattern !== undefined) return `a string matching ${iss.pattern}`;
      return `a valid ${iss.format}`;
    case 'not_multiple_of':
      return `a multiple of ${iss.divisor}`;
    case 'invalid_union': {
      const kinds = new Set<string>();
      for (const branch of iss.errors) {
        const first = branch[0];
        if (first?.code === 'invalid_type' && first.path.length === 0) kinds.add(typeName(first.expected));
      }
      return kinds.size > 0 ? [...kinds].join(' or ') : 'one of the accepted forms';
    }
    case 'invalid_key':
      return 'a valid key';
    default:
      return 'a valid value';
  }
}

/** Validates data with a schema; every issue becomes a problem whose message reads "expected X, found Y". */
export function validateWith<T>(schema: z.ZodType<T>, data: unknown): Validation<T> {
  // Allowed fields of each strict object that saw unknown ones, by path; the error map sees the schema.
  const allowedAt = new Map<string, string[]>();
  const result = schema.safeParse(data, {
    error: (iss) => {
      const path = toFieldPath(iss.path ?? []);
      if (iss.code === 'unrecognized_keys') {
        const def = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
        allowedAt.set(JSON.stringify(path), Object.keys(def?.shape ?? {}));
        return `unknown field`;
      }
      if (iss.input === undefined && isMissing(data, path)) return `is required (expected ${expectation(iss)})`;
      return `expected ${expectation(iss)}, found ${describeValue(iss.input)}`;
    },
  });
  if (result.success) return { success: true, data: result.data, problems: [] };

  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const path = toFieldPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedAt.get(JSON.stringify(path)) ?? [];
      for (const key of issue.keys) {
        const hint = didYouMean(key, allowed);
        const message =
          hint !== '' ? `unknown field ${JSON.stringify(key)}${hint}` : `unknown field ${JSON.stringify(key)}, expected one of ${allowed.join(', ')}`;
        problems.push({ path: [...path, key], message, at: 'key' });
      }
      continue;
    }
    problems.push({ path, message: withFound(issue.message, data, path), at: 'auto' });
  }
  return { success: false, problems };
}

/** Schema-level messages ("expected an IPv4 address") get the value appended. */
function withFound(message: string, data: unknown, path: (string | number)[]): string {
  if (!message.startsWith('expected') || /\bfound\b/.test(message)) return message;
  return `${message}, found ${describeValue(valueAt(data, path))}`;
}
