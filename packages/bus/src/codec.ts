// JSON payloads in and out, validated against their zod schema at the edge.
import type { z } from 'zod';
import { BadMessageError, InvalidPayloadError } from './errors.js';

/** Longest issue summary a message carries. */
const MAX_DETAIL = 400;
const MAX_SNIPPET = 60;
const MAX_ISSUES = 3;

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: BadMessageError };

function schemaTitle(schema: z.ZodType): string {
  const title = schema.meta()?.title;
  return typeof title === 'string' ? title : 'the expected schema';
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function snippet(value: unknown): string {
  if (value === undefined) return 'nothing';
  return clip(JSON.stringify(value) ?? String(value), MAX_SNIPPET);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** "role: Invalid option: expected one of ..., found "boss"; heartbeatMs: ...", the first few issues. */
export function summarizeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
    const where = issue.path.length === 0 ? '(message)' : issue.path.map(String).join('.');
    const alreadySays = /received|found/.test(issue.message) || issue.code === 'unrecognized_keys';
    const found = alreadySays ? '' : `, found ${snippet(valueAt(input, issue.path))}`;
    return `${where}: ${issue.message}${found}`;
  });
  if (issues.length > MAX_ISSUES) parts.push(`and ${issues.length - MAX_ISSUES} more`);
  return clip(parts.join('; '), MAX_DETAIL);
}

function text(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data);
}

/** Parses and validates a payload; never throws, the error names the subject, the schema and what was found. */
export function decode<S extends z.ZodType>(schema: S, data: Uint8Array | string, subject: string): DecodeResult<z.output<S>> {
  const expected = `expected JSON matching ${schemaTitle(schema)}`;
  const raw = text(data);
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch (cause) {
    const found = raw.length === 0 ? 'an empty payload' : `invalid JSON ${snippet(raw)}`;
    return { ok: false, error: new BadMessageError(subject, `bad message on ${JSON.stringify(subject)}: ${expected}, found ${found}`, { cause }) };
  }
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const detail = summarizeIssues(result.error.issues, input);
  return {
    ok: false,
    error: new BadMessageError(subject, `bad message on ${JSON.stringify(subject)}: ${expected}, found ${detail}`, { cause: result.error }),
  };
}

/** Validates a payload before it is published and encodes it; throws InvalidPayloadError (a publisher bug). */
export function encode<S extends z.ZodType>(schema: S, value: z.input<S>, subject: string): Uint8Array {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = summarizeIssues(result.error.issues, value);
    throw new InvalidPayloadError(subject, `refusing to publish on ${JSON.stringify(subject)}: expected ${schemaTitle(schema)}, found ${detail}`);
  }
  return new TextEncoder().encode(JSON.stringify(result.data));
}
