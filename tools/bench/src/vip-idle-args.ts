// The command line of the vip-watcher's idle measurement: --seconds N, --agent PATH, --help.
import { isAbsolute } from 'node:path';
import { BenchOptionError } from './errors.js';

export interface VipIdlePlan {
  /** The idle window. */
  seconds: number;
  /** The vip-watcher's dist/main.js; undefined: this repository's build. */
  agent: string | undefined;
}

export const VIP_IDLE_USAGE = `usage: npm run idle:vip-watcher [-- --seconds N] [-- --agent PATH]

  The built vip-watcher alone, idle, watching a VIP in a network namespace of its own:
  its CPU and that of the commands it runs (each heartbeat's ip -j addr show), over the window.
  --seconds N    the idle window (default 60)
  --agent PATH   another build's apps/vip-watcher/dist/main.js, e.g. to compare with main
  --help         print this help
`;

export type VipIdleArgs = { type: 'help' } | { type: 'run'; plan: VipIdlePlan };

export function parseVipIdleArgs(argv: readonly string[]): VipIdleArgs {
  const plan: VipIdlePlan = { seconds: 60, agent: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { type: 'help' };
    const value = argv[i + 1];
    const shown = value === undefined ? 'the end of the arguments' : JSON.stringify(value);
    if (arg === '--seconds') {
      const seconds = Number(value);
      if (!Number.isInteger(seconds) || seconds < 1) throw new BenchOptionError(`--seconds: expected a whole number of seconds >= 1, found ${shown}`);
      plan.seconds = seconds;
    } else if (arg === '--agent') {
      if (value === undefined || !isAbsolute(value)) throw new BenchOptionError(`--agent: expected an absolute path to a vip-watcher's dist/main.js, found ${shown}`);
      plan.agent = value;
    } else throw new BenchOptionError(`unknown argument ${JSON.stringify(arg)}; expected --seconds N, --agent PATH or --help`);
    i += 1;
  }
  return { type: 'run', plan };
}
