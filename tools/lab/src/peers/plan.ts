// How long a `peers` run measures: the full run (the table in docs/benchmarks.md) or --quick.
import type { PeersCommand } from './args.js';

export interface PeerPlan {
  cycles: number;
  /** perfdhcp's offered rates, one run each; the best sustained one is reported. */
  loadRates: number[];
  loadSeconds: number;
}

export function peerPlan(command: PeersCommand): PeerPlan {
  return command.quick ? { cycles: command.cycles, loadRates: [250, 1000], loadSeconds: 4 } : { cycles: command.cycles, loadRates: [250, 500, 1000, 2000, 4000], loadSeconds: 8 };
}
