// One-line text of a `when` gate, for `routerctl plan`, logs and evaluation reasons.
import { formatDuration, parseDuration } from '../duration.js';
import { formatStatusKey, parseWhenKey } from './key.js';
import type { Match, When } from './schema.js';

type Scalar = string | number | boolean;

/** How values are written: `plain` for plans ("equals master"), `quoted` for reasons ("equals \"master\""). */
export type ValueStyle = 'plain' | 'quoted';

function formatValue(value: Scalar, style: ValueStyle): string {
  if (typeof value !== 'string') return String(value);
  if (style === 'quoted' || value === '' || /[\s,()"'\\]/.test(value)) return JSON.stringify(value);
  return value;
}

function formatDurationText(text: string): string {
  try {
    return formatDuration(parseDuration(text));
  } catch {
    return JSON.stringify(text); // unvalidated input: show it as it was written
  }
}

/** The operators of one match, in a fixed order: "equals master for 10s". */
export function describeMatch(match: Match, style: ValueStyle = 'plain'): string {
  const parts: string[] = [];
  if (match.equals !== undefined) parts.push(`equals ${formatValue(match.equals, style)}`);
  if (match.in !== undefined) parts.push(`in (${match.in.map((v) => formatValue(v, style)).join(', ')})`);
  if (match.contains !== undefined) parts.push(`contains ${formatValue(match.contains, style)}`);
  if (match.exists !== undefined) parts.push(match.exists ? 'exists' : 'does not exist');
  if (match.status !== undefined) parts.push(`is ${match.status}`);
  if (match.for !== undefined) parts.push(`for ${formatDurationText(match.for)}`);
  if (match.maxAge !== undefined) parts.push(`observed within ${formatDurationText(match.maxAge)}`);
  return parts.length > 0 ? parts.join(' ') : 'matches anything';
}

/** "VirtualAddress/lan-vip.role" for any accepted spelling of a key; the raw text when malformed. */
export function canonicalKey(key: string): string {
  try {
    return formatStatusKey(parseWhenKey(key));
  } catch {
    return key;
  }
}

function describeNode(when: When): string {
  if (when.state !== undefined) {
    const leaves = Object.entries(when.state).map(([key, match]) => `${canonicalKey(key)} ${describeMatch(match)}`);
    return leaves.length > 0 ? leaves.join(' and ') : 'always';
  }
  if (when.all !== undefined) return `all(${when.all.map(describeNode).join(', ')})`;
  if (when.any !== undefined) return `any(${when.any.map(describeNode).join(', ')})`;
  return 'invalid (none of state, all, any)';
}

/** One line: "VirtualAddress/lan-vip.role equals master", "all(a, b)", "any(a, b)"; "always" when undefined. */
export function describeWhen(when: When | undefined): string {
  return when === undefined ? 'always' : describeNode(when);
}
