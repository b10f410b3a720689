import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './bench-args.js';

describe('bench-args', () => {
  it('bench-args › the full run by default: 200 lag writes, 60 s idle', () => {
    expect(parseBenchArgs([])).toMatchObject({ type: 'run', plan: { quick: false, lagWrites: 200, idleMs: 60_000, burstWrites: 1000 } });
  });

  it('bench-args › --quick and --out', () => {
    expect(parseBenchArgs(['--quick', '--out', '/tmp/x'])).toMatchObject({ type: 'run', plan: { quick: true, idleMs: 10_000, outDir: '/tmp/x' } });
    expect(parseBenchArgs(['--out=/tmp/y'])).toMatchObject({ plan: { outDir: '/tmp/y' } });
    expect(parseBenchArgs(['--quick', '--help'])).toEqual({ type: 'help' });
  });

  it('bench-args › unknown arguments and a missing --out value are named', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow('unknown argument "--fast"; expected --quick, --out DIR or --help');
    expect(() => parseBenchArgs(['--out'])).toThrow('--out: expected a directory, found the end of the arguments');
    expect(() => parseBenchArgs(['--out', '--quick'])).toThrow('--out: expected a directory, found "--quick"');
  });
});
