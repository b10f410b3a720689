// `peers [--quick] [--cycles K] [--only ours|ours-nosync|kea|kea-solo] [--json]`: each input checked, each error naming it.
import { UsageError } from '@routerd/model';

export const PEER_RUNS = ['ours', 'ours-nosync', 'kea', 'kea-solo'] as const;
export type PeerRunId = (typeof PEER_RUNS)[number];

export interface PeersCommand {
  type: 'peers';
  /** Failover cycles per run; each cycle is one graceful stop and one cut link. */
  cycles: number;
  runs: PeerRunId[];
  quick: boolean;
  json: boolean;
}

export const PEERS_USAGE = 'usage: node tools/lab/dist/cli.js peers [--quick] [--cycles K] [--only ours|ours-nosync|kea|kea-solo] [--json]';
export const DEFAULT_CYCLES = 10;
export const QUICK_CYCLES = 3;
export const MAX_PEER_CYCLES = 100;

function fail(text: string): never {
  throw new UsageError(`lab peers: ${text}; ${PEERS_USAGE}`);
}

export function parsePeersArgs(argv: readonly string[]): PeersCommand {
  let quick = false;
  let json = false;
  let cycles: number | undefined;
  let only: PeerRunId | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--cycles' || arg === '--only') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) fail(`expected a value after ${arg}, found ${value === undefined ? 'none' : JSON.stringify(value)}`);
      if (arg === '--cycles') {
        if (cycles !== undefined) fail('expected --cycles once, found it twice');
        if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_PEER_CYCLES) fail(`expected --cycles to be a whole number from 1 to ${MAX_PEER_CYCLES}, found ${JSON.stringify(value)}`);
        cycles = Number(value);
      } else {
        if (only !== undefined) fail('expected --only once, found it twice');
        if (!(PEER_RUNS as readonly string[]).includes(value)) fail(`expected --only to be one of ${PEER_RUNS.join(', ')}, found ${JSON.stringify(value)}`);
        only = value as PeerRunId;
      }
    } else fail(arg.startsWith('-') ? `unknown option ${arg}` : `expected options only, found the word ${JSON.stringify(arg)}`);
  }
  return { type: 'peers', cycles: cycles ?? (quick ? QUICK_CYCLES : DEFAULT_CYCLES), runs: only === undefined ? [...PEER_RUNS] : [only], quick, json };
}
