import type { Io } from '../io.js';

/** One routerctl subcommand; run returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: Io): Promise<number>;
}
