import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { lineFeed } from './line-feed.js';
import { MAX_PARSE_ERRORS, parseDnsmasqLeases } from './parse-dnsmasq-leases.js';
import type { LeaseFileCheck, LeaseLineCheck } from './types.js';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../test-fixtures/${name}`, import.meta.url)), 'utf8');

/** `bytes` cut into chunks of `size`, each a copy the feed may not keep (it is overwritten next). */
function feedInChunks(check: LeaseLineCheck, bytes: Buffer, size: number): LeaseFileCheck {
  const feed = lineFeed(check);
  const scratch = Buffer.alloc(size);
  for (let offset = 0; offset < bytes.length; offset += size) {
    const n = bytes.copy(scratch, 0, offset, Math.min(offset + size, bytes.length));
    feed.push(scratch.subarray(0, n));
    scratch.fill(0xff);
  }
  return feed.end();
}

/** The whole-text parse as the verdict a line check gives. */
function verdictOf(text: string): LeaseFileCheck {
  const parsed = parseDnsmasqLeases(text);
  return parsed.ok ? { ok: true, v4Count: parsed.v4.length, v6Count: parsed.v6.length } : { ok: false, errors: parsed.errors };
}

const V4 = '1795649019 02:00:00:00:30:11 192.0.2.131 * *';
const DUID = 'duid 00:01:00:01:32:9a:1c:65:02:00:00:00:30:02';
const V6 = '1795649020 12304 2001:db8:30::1a7 * 00:01:00:01:32:9a:1c:6b:02:00:00:00:30:10';

describe('lineFeed', () => {
  it('line-feed › gives the lines of the decoded text, whatever the chunk boundaries, multi-byte characters included', () => {
    const text = 'ünïcödé €uro\n\nplain\r\nlast 𝄞 without newline';
    const bytes = Buffer.from(text);
    const split = text.split('\n');
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const lines: string[] = [];
      let rest: string | undefined;
      const check: LeaseLineCheck = {
        line: (line) => void lines.push(line),
        end: (last) => {
          rest = last;
          return { ok: true, v4Count: 0, v6Count: 0 };
        },
      };
      feedInChunks(check, bytes, size);
      expect([...lines, rest]).toEqual(split);
    }
  });

  it('line-feed › a file ending with its newline leaves an empty rest, and an empty file gives no line', () => {
    const seen: string[] = [];
    const check: LeaseLineCheck = { line: (l) => void seen.push(`line ${l}`), end: (r) => (seen.push(`end ${JSON.stringify(r)}`), { ok: true, v4Count: 0, v6Count: 0 }) };
    feedInChunks(check, Buffer.from(`${V4}\n`), 4);
    feedInChunks(check, Buffer.alloc(0), 4);
    expect(seen).toEqual([`line ${V4}`, 'end ""', 'end ""']);
  });
});

describe('parseDnsmasqLeases.lines', () => {
  const texts: Record<string, string> = {
    mixed: fixture('dnsmasq.leases.mixed'),
    v4v6: fixture('dnsmasq.leases.v4v6'),
    empty: '',
    torn: `${V4}\n${DUID}\n${V6.slice(0, 30)}`,
    crlf: `${V4}\r\n`,
    'empty line': `${V4}\n\n${V4}\n`,
    'second duid': `${V4}\n${DUID}\n${V6}\n${DUID}\n`,
    'v4 after duid': `${DUID}\n${V4}\n`,
    'more problems than reported': Array.from({ length: MAX_PARSE_ERRORS + 20 }, () => 'junk\n').join(''),
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`parse-leases › line by line, in any chunks, gives the whole parse's verdict: ${name}`, () => {
      const expected = verdictOf(text);
      for (const size of [1, 13, 4096]) expect(feedInChunks(parseDnsmasqLeases.lines(), Buffer.from(text), size)).toEqual(expected);
    });
  }
});
