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

  it('bench-args › --only lsyncd selects the peer section; any other section is named', () => {
    expect(parseBenchArgs(['--only', 'lsyncd'])).toMatchObject({ plan: { only: 'lsyncd', slowLagWrites: 4, tornRewrites: 100 } });
    expect(parseBenchArgs(['--quick', '--only=lsyncd'])).toMatchObject({ plan: { only: 'lsyncd', slowLagWrites: 2, tornRewrites: 30 } });
    expect(parseBenchArgs([])).toMatchObject({ plan: { only: undefined } });
    expect(parseBenchArgs(['--only', 'footprint'])).toMatchObject({ plan: { only: 'footprint', leverSettleMs: 30_000, leverWindowMs: 30_000 } });
    expect(parseBenchArgs(['--quick', '--only=footprint'])).toMatchObject({ plan: { only: 'footprint', leverWindowMs: 10_000 } });
    expect(() => parseBenchArgs(['--only', 'kea'])).toThrow('--only: expected "lsyncd" or "footprint", found "kea"');
    expect(() => parseBenchArgs(['--only'])).toThrow('--only: expected "lsyncd" or "footprint", found the end of the arguments');
  });

  it('bench-args › unknown arguments and a missing --out value are named', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow('unknown argument "--fast"; expected --quick, --only lsyncd|footprint, --out DIR or --help');
    expect(() => parseBenchArgs(['--out'])).toThrow('--out: expected a directory, found the end of the arguments');
    expect(() => parseBenchArgs(['--out', '--quick'])).toThrow('--out: expected a directory, found "--quick"');
  });
});
