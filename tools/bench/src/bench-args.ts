// The bench's command line: --quick, --only lsyncd|footprint, --out DIR, --help.
import { BenchOptionError } from './errors.js';

export interface BenchPlan {
  quick: boolean;
  /** Writes per lag measurement (syncer and baselines a, b). */
  lagWrites: number;
  /** Writes per fan-out size (2 and 4 targets; 1 target is the lag run). */
  fanoutWrites: number;
  idleMs: number;
  burstWrites: number;
  largeChanges: number;
  outDir: string | undefined;
  /** `--only lsyncd`: the syncer's lag and burst and the lsyncd section; `--only footprint`: the footprint levers. */
  only: 'lsyncd' | 'footprint' | undefined;
  /** lsyncd at its default delay = 15: lag writes (each waits 15 s). */
  slowLagWrites: number;
  /** Chunked rewrites of a 3,000-lease file, per side, for the torn-file count. */
  tornRewrites: number;
  /** Footprint levers: how long the idle agents settle before sampling, and the CPU window after. */
  leverSettleMs: number;
  leverWindowMs: number;
}

export const BENCH_USAGE = `usage: npm run bench [-- --quick] [-- --only lsyncd|footprint] [-- --out DIR]

  --quick        fewer writes and a shorter idle window (about 2 minutes); for routine checks
  --only lsyncd  only the syncer's lag (with its profile), the floor (b), the burst, and lsyncd beside them (delay 0 and 15, torn files)
  --only footprint  only the four agents idle, built and bundled, with each V8 flag tried (RSS, PSS, CPU)
  --out DIR  where the JSON result goes (default <repo>/bench-results)
  --help     print this help
`;

export type BenchArgs = { type: 'help' } | { type: 'run'; plan: BenchPlan };

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let outDir: string | undefined;
  let only: 'lsyncd' | 'footprint' | undefined;
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
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value !== 'lsyncd' && value !== 'footprint') throw new BenchOptionError(`--only: expected "lsyncd" or "footprint", found ${value === undefined ? 'the end of the arguments' : JSON.stringify(value)}`);
      only = value;
    } else throw new BenchOptionError(`unknown argument ${JSON.stringify(arg)}; expected --quick, --only lsyncd|footprint, --out DIR or --help`);
  }
  const plan: BenchPlan = quick
    ? { quick, lagWrites: 40, fanoutWrites: 20, idleMs: 10_000, burstWrites: 1000, largeChanges: 2, outDir, only, slowLagWrites: 2, tornRewrites: 30, leverSettleMs: 30_000, leverWindowMs: 10_000 }
    : { quick, lagWrites: 200, fanoutWrites: 100, idleMs: 60_000, burstWrites: 1000, largeChanges: 5, outDir, only, slowLagWrites: 4, tornRewrites: 100, leverSettleMs: 30_000, leverWindowMs: 30_000 };
  return { type: 'run', plan };
}
