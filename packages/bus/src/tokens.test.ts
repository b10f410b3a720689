import { describe, expect, it } from 'vitest';
import { decodeNameToken, encodeNameToken, kindToken, nodeProblem, nodeToken, resourceNameProblem, SubjectError } from './tokens.js';

describe('tokens', () => {
  it('tokens › accepts short host names as nodes', () => {
    for (const node of ['r1', 'router-a', 'edge_01', 'R2']) expect(nodeToken(node)).toBe(node);
  });

  it('tokens › refuses a node that is not one subject token, naming the value', () => {
    for (const node of ['', 'r1.lan', 'a b', 'r*', 'r>', 'é']) {
      expect(() => nodeToken(node)).toThrow(SubjectError);
      expect(() => nodeToken(node)).toThrow(`node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found ${JSON.stringify(node)}`);
    }
    expect(nodeProblem('r1.lan')).toContain('found "r1.lan"');
  });

  it('tokens › maps "." to "_" and back', () => {
    for (const name of ['lan-vip', 'lan.v4', 'a.b.c', 'x', '1.2-3']) {
      const token = encodeNameToken(name);
      expect(token).not.toContain('.');
      expect(decodeNameToken(token)).toBe(name);
    }
    expect(encodeNameToken('lan.v4.leases')).toBe('lan_v4_leases');
  });

  it('tokens › the name mapping is injective because names never hold "_"', () => {
    expect(resourceNameProblem('lan_v4')).toBe('expected a resource name of letters, digits, "-" and "." (no "_"), found "lan_v4"');
    expect(() => encodeNameToken('lan_v4')).toThrow('name: expected a resource name');
    expect(() => encodeNameToken('')).toThrow('found ""');
    expect(() => encodeNameToken('a*')).toThrow('found "a*"');
  });

  it('tokens › refuses a name token with characters a subject token cannot hold', () => {
    expect(() => decodeNameToken('a.b')).toThrow('name token: expected letters, digits, "_" and "-", found "a.b"');
    expect(() => decodeNameToken('')).toThrow(SubjectError);
  });

  it('tokens › checks kind tokens', () => {
    expect(kindToken('DHCPv4Server')).toBe('DHCPv4Server');
    expect(() => kindToken('4Server')).toThrow('kind: expected a kind like "DHCPv4Server", found "4Server"');
    expect(() => kindToken('DHCP.v4')).toThrow(SubjectError);
  });
});
