import { describe, expect, it } from 'vitest';
import { keepalivedInstanceName, keepalivedInstanceNames } from './keepalived-names.js';

describe('keepalived instance names', () => {
  it('instance name › replaces characters keepalived does not take', () => {
    expect(keepalivedInstanceName('lan-vip')).toBe('lan_vip');
    expect(keepalivedInstanceName('lan.vip-6')).toBe('lan_vip_6');
  });

  it('instance name › keeps colliding names apart', () => {
    expect(keepalivedInstanceNames(['a-b', 'a.b', 'a_b', 'c'])).toEqual(['a_b', 'a_b_2', 'a_b_3', 'c']);
  });
});
