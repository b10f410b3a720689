import { describe, expect, it } from 'vitest';
import { canonicalKey, describeMatch, describeWhen } from './describe.js';
import type { Match, When } from './schema.js';

const ROLE = 'VirtualAddress/lan-vip.role';

describe('describeWhen', () => {
  it.each<[string, When | undefined, string]>([
    ['undefined is always', undefined, 'always'],
    ['one leaf', { state: { [ROLE]: { equals: 'master' } } }, 'VirtualAddress/lan-vip.role equals master'],
    ['canonical key', { state: { '${VirtualAddress/lan-vip.status.role}': { equals: 'master' } } }, 'VirtualAddress/lan-vip.role equals master'],
    [
      'state map joined with and',
      { state: { [ROLE]: { equals: 'master' }, 'VirtualAddress/wan-vip.role': { in: ['master', 'backup'] } } },
      'VirtualAddress/lan-vip.role equals master and VirtualAddress/wan-vip.role in (master, backup)',
    ],
    [
      'all and any nest',
      { all: [{ state: { [ROLE]: { equals: 'master' } } }, { any: [{ state: { [ROLE]: { exists: true } } }, { state: { [ROLE]: { exists: false } } }] }] },
      'all(VirtualAddress/lan-vip.role equals master, any(VirtualAddress/lan-vip.role exists, VirtualAddress/lan-vip.role does not exist))',
    ],
    ['empty state map', { state: {} }, 'always'],
    ['malformed node', {}, 'invalid (none of state, all, any)'],
    ['malformed key kept as written', { state: { 'nokind.role': { equals: 'x' } } }, 'nokind.role equals x'],
  ])('when › %s', (_name, when, text) => {
    expect(describeWhen(when)).toBe(text);
  });
});

describe('describeMatch', () => {
  it.each<[Match, string, string]>([
    [{ equals: 'master' }, 'equals master', 'equals "master"'],
    [{ equals: 100 }, 'equals 100', 'equals 100'],
    [{ equals: 'two words' }, 'equals "two words"', 'equals "two words"'],
    [{ equals: '' }, 'equals ""', 'equals ""'],
    [{ in: ['a', true, 3] }, 'in (a, true, 3)', 'in ("a", true, 3)'],
    [{ contains: 'mast' }, 'contains mast', 'contains "mast"'],
    [{ exists: true }, 'exists', 'exists'],
    [{ exists: false }, 'does not exist', 'does not exist'],
    [{ status: 'unknown' }, 'is unknown', 'is unknown'],
    [{ equals: 'master', for: '90s', maxAge: '1500ms' }, 'equals master for 1m30s observed within 1s500ms', 'equals "master" for 1m30s observed within 1s500ms'],
    [{ for: 'later' }, 'for "later"', 'for "later"'],
    [{}, 'matches anything', 'matches anything'],
  ])('when › %j reads "%s"', (match, plain, quoted) => {
    expect(describeMatch(match, 'plain')).toBe(plain);
    expect(describeMatch(match, 'quoted')).toBe(quoted);
  });

  it('when › canonicalKey normalizes every spelling', () => {
    expect(canonicalKey('${VirtualAddress/lan-vip.status.role}')).toBe(ROLE);
  });
});
