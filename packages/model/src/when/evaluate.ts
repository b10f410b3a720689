// Three-valued evaluation of a `when` gate against observed status fields (reference section 2).
import { formatDuration, parseDuration } from '../duration.js';
import { formatStatusKey, parseWhenKey, type StatusKey } from './key.js';
import { describeMatch } from './describe.js';
import type { Match, When } from './schema.js';

export type Truth = 'true' | 'false' | 'unknown';

export interface FieldObservation {
  /** null: the field is unset. */
  value: string | number | boolean | null;
  /** ms epoch when this value was last observed (heartbeats refresh it). */
  observedAt: number;
  /** ms epoch when the value last changed (for `for`). */
  changedAt: number;
}

/** The last observation of a status field; undefined when there is no status yet. */
export type StatusLookup = (key: StatusKey) => FieldObservation | undefined;

export interface WhenOptions {
  /** ms epoch of the evaluation. */
  now: number;
  /** Observations older than this many ms are stale and count as unknown. */
  freshFor: number;
}

export interface WhenResult {
  truth: Truth;
  /** Readable, one per leaf (key and match), in document order. */
  reasons: string[];
}

export class WhenOptionsError extends Error {
  override name = 'WhenOptionsError';
}

/** `state` maps and `all`: false wins, then unknown. */
export function allOf(truths: Truth[]): Truth {
  if (truths.includes('false')) return 'false';
  return truths.includes('unknown') ? 'unknown' : 'true';
}

/** `any`: true wins, then unknown. */
export function anyOf(truths: Truth[]): Truth {
  if (truths.includes('true')) return 'true';
  return truths.includes('unknown') ? 'unknown' : 'false';
}

const fromBoolean = (b: boolean): Truth => (b ? 'true' : 'false');

function operatorTruths(match: Match, observation: FieldObservation, age: number, now: number): Truth[] {
  const { value } = observation;
  const isUnknown = value === 'unknown';
  const text = value === null ? undefined : String(value);
  const truths: Truth[] = [];
  // `status` is the one operator that tests for the literal "unknown"; every other one is indeterminate.
  if (match.status !== undefined) {
    const status = value === null ? 'unset' : isUnknown ? 'unknown' : 'set';
    truths.push(fromBoolean(status === match.status));
  }
  const others = (truth: () => boolean): void => {
    truths.push(isUnknown ? 'unknown' : fromBoolean(truth()));
  };
  if (match.exists !== undefined) others(() => (value !== null) === match.exists);
  if (match.equals !== undefined) others(() => text === String(match.equals));
  if (match.in !== undefined) others(() => match.in?.some((v) => String(v) === text) ?? false);
  if (match.contains !== undefined) others(() => text !== undefined && text.includes(match.contains ?? ''));
  if (match.for !== undefined) others(() => now - observation.changedAt >= parseDuration(match.for ?? ''));
  if (match.maxAge !== undefined) {
    const fresh = age <= parseDuration(match.maxAge);
    truths.push(isUnknown ? 'unknown' : fresh ? 'true' : 'unknown');
  }
  return truths;
}

function evaluateLeaf(rawKey: string, match: Match, lookup: StatusLookup, options: WhenOptions): { truth: Truth; reason: string } {
  let key: StatusKey;
  try {
    key = parseWhenKey(rawKey);
  } catch (error) {
    return { truth: 'unknown', reason: `invalid when key: ${(error as Error).message}` };
  }
  const label = formatStatusKey(key);
  const expected = `expected ${describeMatch(match, 'quoted')}`;
  const observation = lookup(key);
  // No status yet is false and a stale one unknown, whatever the operators (`exists: false`, `status: unknown` too).
  if (observation === undefined) return { truth: 'false', reason: `${label} has no status yet, ${expected}` };
  const { now, freshFor } = options;
  if (!Number.isFinite(observation.observedAt) || !Number.isFinite(observation.changedAt)) {
    return { truth: 'unknown', reason: `${label} has no valid observation time, ${expected}` };
  }
  const age = Math.max(0, now - observation.observedAt);
  if (age > freshFor) {
    return {
      truth: 'unknown',
      reason: `${label} was last observed ${formatDuration(age)} ago, older than the freshness bound ${formatDuration(freshFor)}, ${expected}`,
    };
  }
  let truth: Truth;
  try {
    truth = allOf(operatorTruths(match, observation, age, now));
  } catch (error) {
    return { truth: 'unknown', reason: `invalid when condition on ${label}: ${(error as Error).message}` };
  }
  const shown = observation.value === null ? 'is unset' : `is ${JSON.stringify(observation.value)}`;
  const held = match.for !== undefined ? ` (held ${formatDuration(Math.max(0, now - observation.changedAt))})` : '';
  const seen = match.maxAge !== undefined ? ` (observed ${formatDuration(age)} ago)` : '';
  return { truth, reason: `${label} ${shown}${held}${seen}, ${expected}` };
}

function evaluateNode(when: When, lookup: StatusLookup, options: WhenOptions, reasons: string[]): Truth {
  const present = (['state', 'all', 'any'] as const).filter((k) => when[k] !== undefined);
  if (present.length !== 1) {
    reasons.push(`invalid when condition: expected exactly one of state, all, any, found ${present.length === 0 ? 'none' : present.join(' and ')}`);
    return 'unknown';
  }
  if (when.state !== undefined) {
    return allOf(
      Object.entries(when.state).map(([key, match]) => {
        const leaf = evaluateLeaf(key, match, lookup, options);
        reasons.push(leaf.reason);
        return leaf.truth;
      }),
    );
  }
  // Every child is evaluated (no short cut) so the reasons name every leaf.
  const children = (when.all ?? when.any ?? []).map((child) => evaluateNode(child, lookup, options, reasons));
  return when.all !== undefined ? allOf(children) : anyOf(children);
}

/** The truth of a gate now; an undefined gate is true (the loader warns about it). */
export function evaluateWhen(when: When | undefined, lookup: StatusLookup, options: WhenOptions): WhenResult {
  if (!Number.isFinite(options.now)) {
    throw new WhenOptionsError(`expected option now to be a finite ms epoch, found ${String(options.now)}`);
  }
  if (typeof options.freshFor !== 'number' || !(options.freshFor >= 0)) {
    throw new WhenOptionsError(`expected option freshFor to be a non-negative number of ms, found ${String(options.freshFor)}`);
  }
  if (when === undefined) return { truth: 'true', reasons: [] };
  const reasons: string[] = [];
  const truth = evaluateNode(when, lookup, options, reasons);
  return { truth, reasons };
}

/** Only a true gate runs: unknown does not (Ours: a node that cannot tell it is master must not push). */
export function shouldRun(result: WhenResult): boolean {
  return result.truth === 'true';
}
