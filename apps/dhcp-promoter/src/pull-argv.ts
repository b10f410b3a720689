// The rsync that pulls a peer's lease file into this node's inbox (P6), derived from the target's push
// argv: the same rsync options and ssh command, source and destination swapped, no --rsync-path.
import type { TargetPlan } from '@routerd/model';

/** argv that copies the target's file (`host:path`) to `pulled`; the plan's own pullArgv replaces it. */
export type PullArgvOf = (target: TargetPlan, pulled: string) => readonly string[];

export const derivePullArgv: PullArgvOf = (target, pulled) => {
  // The push argv ends with `<source> <destination>`; the receiver prepares its own dirs.
  const options = target.argv.slice(0, -2).filter((arg) => !arg.startsWith('--rsync-path='));
  return [...options, target.destination, pulled];
};
