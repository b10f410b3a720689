import { describe, expect, it } from 'vitest';

import { parsePdLease } from './parse-pd-lease.js';

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parsePdLease', () => {
  it('pd-lease › accepts any JSON object and counts its prefixes', () => {
    const text = JSON.stringify({ prefixes: [{ prefix: '2001:db8:100::/56' }, { prefix: '2001:db8:200::/56' }], t1: 1800 });
    const result = parsePdLease(text);
    expect(result.ok).toBe(true);
    expect(result.ok && result.v6).toHaveLength(2);
    expect(result.ok && result.lease['t1']).toBe(1800);
  });

  it('pd-lease › counts no prefixes when `prefixes` is missing or not an array', () => {
    expect(parsePdLease('{}')).toEqual({ ok: true, lease: {}, v4: [], v6: [] });
    expect(parsePdLease('{"prefixes":"2001:db8::/56"}')).toMatchObject({ ok: true, v6: [] });
  });

  it.each([
    ['[]', 'line 1: expected a JSON object, found an array'],
    ['null', 'line 1: expected a JSON object, found null'],
    ['"lease"', 'line 1: expected a JSON object, found a string'],
    ['42', 'line 1: expected a JSON object, found a number'],
    ['', 'line 1: expected a JSON object, found an empty file'],
    ['  \n', 'line 1: expected a JSON object, found an empty file'],
  ])('pd-lease › rejects %j', (text, message) => {
    expect(parsePdLease(text)).toEqual({ ok: false, errors: [{ line: 1, message }] });
  });

  it('pd-lease › reports a JSON syntax error with the reason, on its line when the runtime names it', () => {
    const text = '{\n  "prefixes": [\n    oops\n  ]\n}\n';
    const result = parsePdLease(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const thrown = catchError(() => JSON.parse(text));
    const reportsPosition = thrown instanceof Error && /at position/.test(thrown.message);
    const line = reportsPosition ? 3 : 1;
    expect(result.errors[0]?.line).toBe(line);
    expect(result.errors[0]?.message).toMatch(new RegExp(`^line ${line}: expected a JSON object, found invalid JSON \\(Unexpected token`));
  });

  it('pd-lease › rejects a truncated object', () => {
    const result = parsePdLease('{"prefixes": [');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.message).toMatch(/^line 1: expected a JSON object, found invalid JSON/);
  });
});
