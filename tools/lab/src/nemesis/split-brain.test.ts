import { describe, expect, it } from 'vitest';
import { splitBrainRules } from './split-brain.js';

describe('nemesis split brain', () => {
  it("nemesis split brain › each router drops VRRP to and from its peer's address only, and half its DHCP replies", () => {
    const r1 = splitBrainRules('r1');
    expect(r1).toContain('ip saddr 192.0.2.3 ip protocol vrrp drop');
    expect(r1).toContain('ip daddr 192.0.2.3 ip protocol vrrp drop');
    expect(r1).not.toContain('192.0.2.2');
    expect(r1).toContain('udp sport 67 numgen random mod 2 == 0 drop');
    expect(splitBrainRules('r2')).toContain('ip saddr 192.0.2.2 ip protocol vrrp drop');
    expect(splitBrainRules('r1', false)).toContain('ip daddr 192.0.2.3 ip protocol vrrp drop; }');
    expect(splitBrainRules('r1', false)).not.toContain('udp sport 67');
  });
});
