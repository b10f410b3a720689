import { describe, expect, it } from 'vitest';
import { promotionSubject, promotionWildcard } from './promotion-subjects.js';

describe('promotion subjects', () => {
  it('promotion subjects › status on routerd.<node>.promotion.<name>, "." written as "_"', () => {
    expect(promotionSubject('r1', 'lan-dhcp')).toBe('routerd.r1.promotion.lan-dhcp');
    expect(promotionSubject('r1', 'lan.dhcp')).toBe('routerd.r1.promotion.lan_dhcp');
    expect(promotionWildcard('r1')).toBe('routerd.r1.promotion.*');
    expect(promotionWildcard()).toBe('routerd.*.promotion.*');
  });

  it('promotion subjects › refuses a bad node or name, naming it', () => {
    expect(() => promotionSubject('r 1', 'p')).toThrow('node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r 1"');
    expect(() => promotionSubject('r1', 'a_b')).toThrow('name: expected a resource name of letters, digits, "-" and "." (no "_"), found "a_b"');
  });
});
