import type { Io } from '../io.js';

/** One flag as node:util parseArgs reads it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

/** One routerctl subcommand; run returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  /** Every flag it takes: the parser reads them, the completion scripts offer them, a test checks `help` names each. */
  options: Readonly<Record<string, OptionSpec>>;
  /** What completion offers: its positional words, and the values of flags that take a fixed set. */
  complete?: { words?: readonly string[]; values?: Readonly<Record<string, readonly string[]>> };
  run(args: string[], io: Io): Promise<number>;
}
