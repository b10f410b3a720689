import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { MAX_PARSE_ERRORS, parseDnsmasqLeases } from './parse-dnsmasq-leases.js';
import type { ParseResult } from './types.js';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../test-fixtures/${name}`, import.meta.url)), 'utf8');

const SAMPLES = ['dnsmasq.leases.mixed', 'dnsmasq.leases.v4v6', 'dnsmasq.leases.final'] as const;

function okOf(result: ParseResult): Extract<ParseResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.errors.map((e) => e.message).join('; ')}`);
  return result;
}

function messagesOf(result: ParseResult): string[] {
  if (result.ok) throw new Error('expected the parse to fail');
  return result.errors.map((e) => e.message);
}

const V4 = '1795649019 02:00:00:00:30:11 192.0.2.131 * *';
const DUID = 'duid 00:01:00:01:32:9a:1c:65:02:00:00:00:30:02';
const V6 = '1795649020 12304 2001:db8:30::1a7 * 00:01:00:01:32:9a:1c:6b:02:00:00:00:30:10';

describe('parseDnsmasqLeases', () => {
  it('parse-leases › reads every line kind of the mixed sample', () => {
    const result = okOf(parseDnsmasqLeases(fixture('dnsmasq.leases.mixed')));
    expect(result.v4).toEqual([
      { line: 1, expiry: 1795649019, mac: '02:00:00:00:30:11', ip: '192.0.2.131', hostname: null, clientId: null },
      { line: 2, expiry: 1795649016, mac: '02:00:00:00:30:10', ip: '192.0.2.130', hostname: 'cl', clientId: '01:02:00:00:00:30:10' },
    ]);
    expect(result.serverDuid).toBe('00:01:00:01:32:9a:1c:65:02:00:00:00:30:02');
    expect(result.v6).toEqual([
      { line: 4, expiry: 1795649021, iaid: 12305, temporary: true, ip: '2001:db8:30::19f', hostname: null, duid: '00:01:00:01:32:9a:1c:6c:02:00:00:00:30:11' },
      { line: 5, expiry: 1795649020, iaid: 12305, temporary: false, ip: '2001:db8:30::1aa', hostname: 'cl2-v6', duid: '00:01:00:01:32:9a:1c:6c:02:00:00:00:30:11' },
      { line: 6, expiry: 1795649020, iaid: 12304, temporary: false, ip: '2001:db8:30::1a7', hostname: null, duid: '00:01:00:01:32:9a:1c:6b:02:00:00:00:30:10' },
    ]);
  });

  it.each(SAMPLES)('parse-leases › accepts the sample %s', (name) => {
    const result = okOf(parseDnsmasqLeases(fixture(name)));
    const lines = fixture(name).split('\n').length - 1;
    expect(result.v4.length + result.v6.length + (result.serverDuid === undefined ? 0 : 1)).toBe(lines);
  });

  it('parse-leases › accepts an empty file as zero leases', () => {
    expect(parseDnsmasqLeases('')).toEqual({ ok: true, v4: [], v6: [] });
  });

  it('parse-leases › reads expiry 0 (infinite) and a v4-only file without a duid line', () => {
    const result = okOf(parseDnsmasqLeases('0 02:00:00:00:30:11 192.0.2.131 host-1 *\n'));
    expect(result.v4[0]?.expiry).toBe(0);
    expect(result.serverDuid).toBeUndefined();
  });

  it("parse-leases › accepts dnsmasq's <type>-<bytes> form for non-Ethernet hardware", () => {
    const result = okOf(parseDnsmasqLeases('1795649019 20-00:11:22:33:44:55:66:77 192.0.2.131 * *\n'));
    expect(result.v4[0]?.mac).toBe('20-00:11:22:33:44:55:66:77');
  });

  it.each(SAMPLES)('parse-leases › never accepts %s cut mid-line; a cut on a line boundary keeps the prefix', (name) => {
    const text = fixture(name);
    const full = okOf(parseDnsmasqLeases(text));
    for (let cut = 0; cut <= text.length; cut++) {
      const prefix = text.slice(0, cut);
      const result = parseDnsmasqLeases(prefix);
      const onBoundary = cut === 0 || text[cut - 1] === '\n';
      if (!onBoundary) {
        expect(messagesOf(result).at(-1), `cut at ${cut}`).toMatch(/no newline at the end of the file/);
        continue;
      }
      const lines = prefix.split('\n').length - 1;
      const ok = okOf(result);
      expect(ok.v4.length, `v4 at cut ${cut}`).toBe(full.v4.filter((l) => l.line <= lines).length);
      expect(ok.v6.length, `v6 at cut ${cut}`).toBe(full.v6.filter((l) => l.line <= lines).length);
    }
  });

  it('parse-leases › reports a torn last line with its line number', () => {
    expect(messagesOf(parseDnsmasqLeases(`${V4}\n1795649016 02:00:00`))).toEqual([
      'line 2: no newline at the end of the file: the last line is incomplete (torn read, or still being written)',
    ]);
  });

  it('parse-leases › rejects CRLF line endings', () => {
    expect(messagesOf(parseDnsmasqLeases(`${V4}\r\n`))).toEqual([
      'line 1: unexpected carriage return at the end (CRLF line ending); dnsmasq writes LF only',
    ]);
  });

  it('parse-leases › rejects garbage, naming line and field', () => {
    expect(messagesOf(parseDnsmasqLeases('hello world\n'))).toEqual([
      'line 1: expected 5 fields separated by single spaces, found 2',
    ]);
    expect(messagesOf(parseDnsmasqLeases('\u0000\u0001\u0002 \u00ff a b c\n'))).toEqual([
      'line 1: expected the expiry (Unix seconds, 0 = infinite) in field 1, found "\\u0000\\u0001\\u0002"',
    ]);
    expect(messagesOf(parseDnsmasqLeases('\n'))).toEqual(['line 1: unexpected empty line']);
  });

  it('parse-leases › rejects extra, missing and empty fields', () => {
    expect(messagesOf(parseDnsmasqLeases(`${V4} extra\n`))).toEqual([
      'line 1: expected 5 fields separated by single spaces, found 6',
    ]);
    expect(messagesOf(parseDnsmasqLeases('1795649019 02:00:00:00:30:11 192.0.2.131 *\n'))).toEqual([
      'line 1: expected 5 fields separated by single spaces, found 4',
    ]);
    expect(messagesOf(parseDnsmasqLeases('1795649019  02:00:00:00:30:11 192.0.2.131 *\n'))).toEqual([
      'line 1: field 2 is empty (fields are separated by single spaces)',
    ]);
    expect(messagesOf(parseDnsmasqLeases(`${DUID} 00:01\n`))).toEqual([
      `line 1: expected "duid <hex bytes separated by colons>", found "${DUID} 00:01"`,
    ]);
  });

  it.each([
    ['-1 02:00:00:00:30:11 192.0.2.131 * *', 'expected the expiry (Unix seconds, 0 = infinite) in field 1, found "-1"'],
    ['1.5 02:00:00:00:30:11 192.0.2.131 * *', 'expected the expiry (Unix seconds, 0 = infinite) in field 1, found "1.5"'],
    ['1 02:00:00:00:30 192.0.2.131 * *', 'expected a MAC address like 02:00:00:00:30:10 in field 2, found "02:00:00:00:30"'],
    ['1 02:00:00:00:30:zz 192.0.2.131 * *', 'expected a MAC address like 02:00:00:00:30:10 in field 2, found "02:00:00:00:30:zz"'],
    ['1 02:00:00:00:30:11 192.0.2.256 * *', 'expected an IPv4 address in field 3, found "192.0.2.256"'],
    ['1 02:00:00:00:30:11 2001:db8::1 * *', 'expected an IPv4 address in field 3, found "2001:db8::1"'],
    ['1 02:00:00:00:30:11 192.0.2.131 bad/name *', 'expected a hostname or * in field 4, found "bad/name"'],
    ['1 02:00:00:00:30:11 192.0.2.131 * 01-02', 'expected a client id (hex bytes separated by colons) or * in field 5, found "01-02"'],
  ])('parse-leases › rejects a bad DHCPv4 field: %s', (line, message) => {
    expect(messagesOf(parseDnsmasqLeases(`${line}\n`))).toEqual([`line 1: ${message}`]);
  });

  it.each([
    ['1 x12 2001:db8::1 * 00:01', 'expected an IAID (decimal, T prefix for a temporary address) in field 2, found "x12"'],
    ['1 4294967296 2001:db8::1 * 00:01', 'expected an IAID (decimal, T prefix for a temporary address) in field 2, found "4294967296"'],
    ['1 12 192.0.2.1 * 00:01', 'expected an IPv6 address in field 3, found "192.0.2.1"'],
    ['1 12 fe80::1%eth0 * 00:01', 'expected an IPv6 address in field 3, found "fe80::1%eth0"'],
    ['1 12 2001:db8::1 h\u00e9 00:01', 'expected a hostname or * in field 4, found "h\u00e9"'],
    ['1 12 2001:db8::1 * 0001', 'expected a client DUID (hex bytes separated by colons) or * in field 5, found "0001"'],
  ])('parse-leases › rejects a bad DHCPv6 field: %s', (line, message) => {
    expect(messagesOf(parseDnsmasqLeases(`${DUID}\n${line}\n`))).toEqual([`line 2: ${message}`]);
  });

  it('parse-leases › explains a DHCPv4 lease after the duid line and a DHCPv6 lease before it', () => {
    expect(messagesOf(parseDnsmasqLeases(`${DUID}\n${V4}\n`))).toEqual([
      'line 2: expected an IAID (decimal, T prefix for a temporary address) in field 2, found "02:00:00:00:30:11" (a DHCPv4 lease after the duid line)',
    ]);
    expect(messagesOf(parseDnsmasqLeases(`${V6}\n`))).toEqual([
      'line 1: expected a MAC address like 02:00:00:00:30:10 in field 2, found "12304" (a DHCPv6 lease must follow the duid line)',
    ]);
  });

  it('parse-leases › rejects a second duid line', () => {
    expect(messagesOf(parseDnsmasqLeases(`${V4}\n${DUID}\n${V6}\n${DUID}\n`))).toEqual([
      'line 4: a second duid line (the first is line 2)',
    ]);
  });

  it('parse-leases › reports every problem, up to a bound, then sums up the rest', () => {
    const text = `${V4}\n${'garbage\n'.repeat(MAX_PARSE_ERRORS + 50)}`;
    const messages = messagesOf(parseDnsmasqLeases(text));
    expect(messages).toHaveLength(MAX_PARSE_ERRORS + 1);
    expect(messages[0]).toBe('line 2: expected 5 fields separated by single spaces, found 1');
    expect(messages.at(-1)).toBe(`line ${MAX_PARSE_ERRORS + 2}: 50 more problems from here on, not shown`);
  });

  it('parse-leases › quotes a long bad value shortened', () => {
    const long = 'a'.repeat(300);
    expect(messagesOf(parseDnsmasqLeases(`1 02:00:00:00:30:11 192.0.2.131 ${long} *\n`))[0]).toBe(
      `line 1: expected a hostname or * in field 4, found "${'a'.repeat(57)}..."`,
    );
  });
});
