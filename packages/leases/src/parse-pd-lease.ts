import type { LineProblem } from './types.js';
import { errorMessage } from '@routerd/model';

/** The DHCPv6 PD client's lease.json: any JSON object; `v6` holds its `prefixes` when that is an array. */
export type PdParseResult =
  | {
      readonly ok: true;
      readonly lease: Readonly<Record<string, unknown>>;
      readonly v4: readonly never[];
      readonly v6: readonly unknown[];
    }
  | { readonly ok: false; readonly errors: LineProblem[] };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses lease.json (written by temp file + rename, so never torn): it must be a JSON object. */
export function parsePdLease(text: string): PdParseResult {
  if (text.trim().length === 0) {
    return { ok: false, errors: [{ line: 1, message: 'line 1: expected a JSON object, found an empty file' }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = errorMessage(error);
    // V8 names the position only from Node 21 on; without it the error is put on line 1.
    const position = /at position (\d+)/.exec(reason)?.[1];
    const line = position === undefined ? 1 : lineAt(text, Number(position));
    return { ok: false, errors: [{ line, message: `line ${line}: expected a JSON object, found invalid JSON (${reason})` }] };
  }
  if (!isRecord(value)) {
    return { ok: false, errors: [{ line: 1, message: `line 1: expected a JSON object, found ${describe(value)}` }] };
  }
  const prefixes = value['prefixes'];
  return { ok: true, lease: value, v4: [], v6: Array.isArray(prefixes) ? prefixes : [] };
}
