// Go-style durations ("500ms", "30s", "1m30s", "1h"), as routerd's original configuration uses them.
import { z } from 'zod';

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;

export class DurationError extends Error {
  override name = 'DurationError';
}

/** Milliseconds in a Go-style duration; throws DurationError naming the text when it is not one. */
const EXPECTED = 'a duration such as "500ms", "30s", "1m30s" or "1h"';

export function parseDuration(text: string): number {
  const expected = EXPECTED;
  if (text === '0') return 0;
  if (text.length === 0) throw new DurationError(`expected ${expected}, found an empty string`);
  let ms = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const at = PART.lastIndex;
    const match = PART.exec(text);
    if (!match) throw new DurationError(`expected ${expected}, found ${JSON.stringify(text)} (cannot read ${JSON.stringify(text.slice(at))})`);
    ms += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return ms;
}

/** Shortest Go-style text for a whole number of milliseconds: 90000 → "1m30s". */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  if (rest === 0) return '0s';
  if (rest < 0) return `-${formatDuration(-rest)}`;
  let out = '';
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return rest > 0 ? `${out}${rest}ms` : out;
}

/** A duration field: kept as its text in the configuration, checked to parse. */
export const durationSchema = z
  // A number (`interval: 30`) is refused with the duration wording; a missing field stays "is required".
  .string({ error: (iss) => (iss.input === undefined ? undefined : `expected ${EXPECTED}`) })
  .superRefine((text, ctx) => {
    try {
      parseDuration(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  })
  .meta({ description: 'Go-style duration: "500ms", "30s", "1m30s", "1h".', pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$' });

/** A duration that must be greater than zero. */
export const positiveDurationSchema = durationSchema.refine((text) => {
  try {
    return parseDuration(text) > 0;
  } catch {
    return true; // the parse error is reported by durationSchema
  }
}, 'expected a positive duration');
