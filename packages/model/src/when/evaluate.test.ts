import { describe, expect, it } from 'vitest';
import { allOf, anyOf, evaluateWhen, shouldRun, WhenOptionsError, type FieldObservation, type StatusLookup, type Truth } from './evaluate.js';
import { formatStatusKey } from './key.js';
import type { Match, When } from './schema.js';

const NOW = 1_800_000_000_000;
const FRESH = 30_000;
const ROLE = 'VirtualAddress/lan-vip.role';
const PHASE = 'VirtualAddress/lan-vip.phase';

function seen(value: FieldObservation['value'], ageMs = 1_000, heldMs = 60_000): FieldObservation {
  return { value, observedAt: NOW - ageMs, changedAt: NOW - heldMs };
}

function lookupOf(fields: Record<string, FieldObservation>): StatusLookup {
  return (key) => fields[formatStatusKey(key)];
}

function evaluate(when: When | undefined, fields: Record<string, FieldObservation>) {
  return evaluateWhen(when, lookupOf(fields), { now: NOW, freshFor: FRESH });
}

const leaf = (match: Match, key = ROLE): When => ({ state: { [key]: match } });
const T: When = leaf({ equals: 'master' });
const F: When = leaf({ equals: 'backup' });
const U: When = leaf({ equals: 'master' }, PHASE);

describe('evaluateWhen', () => {
  const cases: [string, Match, FieldObservation | undefined, Truth][] = [
    ['equals matches', { equals: 'master' }, seen('master'), 'true'],
    ['equals differs', { equals: 'master' }, seen('backup'), 'false'],
    ['equals compares as text', { equals: 100 }, seen('100'), 'true'],
    ['equals number to number', { equals: 100 }, seen(100), 'true'],
    ['equals boolean as text', { equals: true }, seen('true'), 'true'],
    ['equals on an unset field', { equals: 'master' }, seen(null), 'false'],
    ['equals on literal unknown', { equals: 'master' }, seen('unknown'), 'unknown'],
    ['equals "unknown" is still indeterminate', { equals: 'unknown' }, seen('unknown'), 'unknown'],
    ['in matches one', { in: ['master', 'backup'] }, seen('backup'), 'true'],
    ['in matches none', { in: ['master', 'backup'] }, seen('inactive'), 'false'],
    ['in compares as text', { in: [1, 2] }, seen('2'), 'true'],
    ['in on unset', { in: ['master'] }, seen(null), 'false'],
    ['in on unknown', { in: ['master'] }, seen('unknown'), 'unknown'],
    ['contains finds text', { contains: 'mast' }, seen('master'), 'true'],
    ['contains misses', { contains: 'back' }, seen('master'), 'false'],
    ['contains on a number', { contains: '5' }, seen(150), 'true'],
    ['contains on unset', { contains: 'm' }, seen(null), 'false'],
    ['contains on unknown', { contains: 'unk' }, seen('unknown'), 'unknown'],
    ['exists true on a set field', { exists: true }, seen('master'), 'true'],
    ['exists true on unset', { exists: true }, seen(null), 'false'],
    ['exists false on unset', { exists: false }, seen(null), 'true'],
    ['exists false on a set field', { exists: false }, seen('x'), 'false'],
    ['exists on unknown', { exists: true }, seen('unknown'), 'unknown'],
    ['status set', { status: 'set' }, seen('master'), 'true'],
    ['status set on unset', { status: 'set' }, seen(null), 'false'],
    ['status set on unknown', { status: 'set' }, seen('unknown'), 'false'],
    ['status unset', { status: 'unset' }, seen(null), 'true'],
    ['status unset on a set field', { status: 'unset' }, seen('master'), 'false'],
    ['status unknown tests for the literal', { status: 'unknown' }, seen('unknown'), 'true'],
    ['status unknown on a known value', { status: 'unknown' }, seen('master'), 'false'],
    ['status unknown on unset', { status: 'unknown' }, seen(null), 'false'],
    ['for held long enough', { equals: 'master', for: '10s' }, seen('master', 1_000, 10_000), 'true'],
    ['for not yet held', { equals: 'master', for: '10s' }, seen('master', 1_000, 9_999), 'false'],
    ['for alone on unknown', { for: '1s' }, seen('unknown'), 'unknown'],
    ['for with a change in the future', { for: '0s' }, seen('master', 0, -5), 'false'],
    ['maxAge within', { equals: 'master', maxAge: '5s' }, seen('master', 5_000), 'true'],
    ['maxAge exceeded is unknown', { equals: 'master', maxAge: '5s' }, seen('master', 5_001), 'unknown'],
    ['maxAge exceeded and equals false: false wins', { equals: 'backup', maxAge: '5s' }, seen('master', 6_000), 'false'],
    ['operators are ANDed', { equals: 'master', contains: 'x' }, seen('master'), 'false'],
    ['operators all hold', { in: ['master'], exists: true, status: 'set' }, seen('master'), 'true'],
    ['status unknown ANDed with equals', { status: 'unknown', equals: 'x' }, seen('unknown'), 'unknown'],
    ['no status yet is false', { equals: 'master' }, undefined, 'false'],
    ['no status yet is false even for exists: false', { exists: false }, undefined, 'false'],
    ['a stale observation is unknown', { equals: 'master' }, seen('master', 30_001), 'unknown'],
    ['a stale observation is unknown for status too', { status: 'unknown' }, seen('unknown', 30_001), 'unknown'],
    ['an observation exactly at the bound is fresh', { equals: 'master' }, seen('master', 30_000), 'true'],
    ['an observation from the future is fresh', { equals: 'master' }, seen('master', -500), 'true'],
  ];

  it.each(cases)('when › %s', (_name, match, observation, truth) => {
    const result = evaluate(leaf(match), observation === undefined ? {} : { [ROLE]: observation });
    expect(result.truth).toBe(truth);
    expect(result.reasons).toHaveLength(1);
  });

  it('when › an undefined gate is true and has no leaves', () => {
    expect(evaluate(undefined, {})).toEqual({ truth: 'true', reasons: [] });
  });

  it('when › every key spelling reads the same field', () => {
    const fields = { [ROLE]: seen('master') };
    for (const key of [ROLE, 'VirtualAddress/lan-vip.status.role', '${VirtualAddress/lan-vip.role}']) {
      expect(evaluate(leaf({ equals: 'master' }, key), fields).truth).toBe('true');
    }
  });

  it('when › the lookup receives the parsed key', () => {
    const keys: unknown[] = [];
    evaluateWhen(T, (key) => (keys.push(key), undefined), { now: NOW, freshFor: FRESH });
    expect(keys).toEqual([{ kind: 'VirtualAddress', name: 'lan-vip', field: 'role' }]);
  });
});

describe('evaluateWhen › combinations', () => {
  const fields = { [ROLE]: seen('master'), [PHASE]: seen('unknown') };
  const cases: [string, When, Truth][] = [
    ['all(T, T)', { all: [T, T] }, 'true'],
    ['all(T, F)', { all: [T, F] }, 'false'],
    ['all(T, U)', { all: [T, U] }, 'unknown'],
    ['all(F, U)', { all: [F, U] }, 'false'],
    ['all(U, F)', { all: [U, F] }, 'false'],
    ['all(U, U)', { all: [U, U] }, 'unknown'],
    ['any(F, F)', { any: [F, F] }, 'false'],
    ['any(F, T)', { any: [F, T] }, 'true'],
    ['any(F, U)', { any: [F, U] }, 'unknown'],
    ['any(U, T)', { any: [U, T] }, 'true'],
    ['any(U, U)', { any: [U, U] }, 'unknown'],
    ['state map is ANDed: true and unknown', { state: { [ROLE]: { equals: 'master' }, [PHASE]: { equals: 'x' } } }, 'unknown'],
    ['state map is ANDed: false wins', { state: { [ROLE]: { equals: 'backup' }, [PHASE]: { equals: 'x' } } }, 'false'],
    ['an empty state map is true', { state: {} }, 'true'],
    ['nested any(all(T, U), F)', { any: [{ all: [T, U] }, F] }, 'unknown'],
    ['nested all(any(F, T), any(U, T))', { all: [{ any: [F, T] }, { any: [U, T] }] }, 'true'],
  ];

  it.each(cases)('when › %s', (_name, when, truth) => {
    expect(evaluate(when, fields).truth).toBe(truth);
  });

  it('when › every leaf gives a reason, even after the outcome is decided', () => {
    expect(evaluate({ any: [T, F, U] }, fields).reasons).toHaveLength(3);
  });

  it('when › allOf and anyOf of nothing', () => {
    expect(allOf([])).toBe('true');
    expect(anyOf([])).toBe('false');
  });
});

describe('evaluateWhen › reasons', () => {
  const reason = (when: When, fields: Record<string, FieldObservation>) => evaluate(when, fields).reasons[0];

  it('when › names the key, the value and the expectation', () => {
    expect(reason(T, { [ROLE]: seen('backup') })).toBe('VirtualAddress/lan-vip.role is "backup", expected equals "master"');
  });

  it('when › says there is no status yet', () => {
    expect(reason(T, {})).toBe('VirtualAddress/lan-vip.role has no status yet, expected equals "master"');
  });

  it('when › says an observation is stale and by how much', () => {
    expect(reason(T, { [ROLE]: seen('master', 45_000) })).toBe(
      'VirtualAddress/lan-vip.role was last observed 45s ago, older than the freshness bound 30s, expected equals "master"',
    );
  });

  it('when › shows how long a value has held and how old it is', () => {
    expect(reason(leaf({ equals: 'master', for: '1m', maxAge: '5s' }), { [ROLE]: seen('master', 2_000, 12_000) })).toBe(
      'VirtualAddress/lan-vip.role is "master" (held 12s) (observed 2s ago), expected equals "master" for 1m observed within 5s',
    );
  });

  it('when › says a field is unset', () => {
    expect(reason(leaf({ exists: true }), { [ROLE]: seen(null) })).toBe('VirtualAddress/lan-vip.role is unset, expected exists');
  });

  it('when › a malformed key is unknown and named', () => {
    const result = evaluate(leaf({ equals: 'master' }, 'lan-vip.role'), {});
    expect(result.truth).toBe('unknown');
    expect(result.reasons[0]).toBe('invalid when key: expected a key like "VirtualAddress/lan-vip.role", found "lan-vip.role"');
  });

  it('when › a malformed duration is unknown and named', () => {
    const result = evaluate(leaf({ for: 'soon' }), { [ROLE]: seen('master') });
    expect(result.truth).toBe('unknown');
    expect(result.reasons[0]).toMatch(/^invalid when condition on VirtualAddress\/lan-vip\.role: expected a duration .* found "soon"/);
  });

  it('when › a node with none or two of state, all, any is unknown', () => {
    expect(evaluate({}, {})).toEqual({ truth: 'unknown', reasons: ['invalid when condition: expected exactly one of state, all, any, found none'] });
    expect(evaluate({ all: [T], any: [T] }, { [ROLE]: seen('master') }).reasons).toEqual([
      'invalid when condition: expected exactly one of state, all, any, found all and any',
    ]);
  });

  it('when › an observation without a valid time is unknown', () => {
    const result = evaluate(T, { [ROLE]: { value: 'master', observedAt: Number.NaN, changedAt: NOW } });
    expect(result).toEqual({ truth: 'unknown', reasons: ['VirtualAddress/lan-vip.role has no valid observation time, expected equals "master"'] });
  });
});

describe('evaluateWhen › options', () => {
  it('when › rejects a non-finite now', () => {
    expect(() => evaluateWhen(T, () => undefined, { now: Number.NaN, freshFor: 1 })).toThrow(
      new WhenOptionsError('expected option now to be a finite ms epoch, found NaN'),
    );
  });

  it('when › rejects a negative freshFor', () => {
    expect(() => evaluateWhen(T, () => undefined, { now: NOW, freshFor: -1 })).toThrow(
      'expected option freshFor to be a non-negative number of ms, found -1',
    );
  });

  it('when › an infinite freshFor never goes stale', () => {
    const result = evaluateWhen(T, lookupOf({ [ROLE]: seen('master', 1e12) }), { now: NOW, freshFor: Number.POSITIVE_INFINITY });
    expect(result.truth).toBe('true');
  });
});

describe('shouldRun', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['unknown', false],
  ] as const)('when › %s runs: %s', (truth, runs) => {
    expect(shouldRun({ truth, reasons: [] })).toBe(runs);
  });
});
