// The bench's command line: --quick, --out DIR, --help.
import { BenchOptionError } from './errors.js';

export interface BenchPlan {
  quick: boolean;
  /** Writes per lag measurement (syncer and baselines a, b). */
  lagWrites: number;
  /** Writes for the interval-polling baseline (c), and its interval. */
  pollWrites: number;
  pollIntervalMs: number;
  /** Writes per fan-out size (2 and 4 targets; 1 target is the lag run). */
  fanoutWrites: number;
  idleMs: number;
  burstWrites: number;
  largeChanges: number;
  outDir: string | undefined;
}

export const BENCH_USAGE = `usage: npm run bench [-- --quick] [-- --out DIR]

  --quick    fewer writes and a shorter idle window (about 2 minutes); for routine checks
  --out DIR  where the JSON result goes (default <repo>/bench-results)
  --help     print this help
`;

export type BenchArgs = { type: 'help' } | { type: 'run'; plan: BenchPlan };

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { type: 'help' };
    if (arg === '--quick') quick = true;
    else if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new BenchOptionError(`--out: expected a directory, found ${value === undefined ? 'the end of the arguments' : JSON.stringify(value)}`);
      }
      outDir = value;
    } else throw new BenchOptionError(`unknown argument ${JSON.stringify(arg)}; expected --quick, --out DIR or --help`);
  }
  const plan: BenchPlan = quick
    ? { quick, lagWrites: 40, pollWrites: 8, pollIntervalMs: 1000, fanoutWrites: 20, idleMs: 10_000, burstWrites: 1000, largeChanges: 2, outDir }
    : { quick, lagWrites: 200, pollWrites: 40, pollIntervalMs: 1000, fanoutWrites: 100, idleMs: 60_000, burstWrites: 1000, largeChanges: 5, outDir };
  return { type: 'run', plan };
}
